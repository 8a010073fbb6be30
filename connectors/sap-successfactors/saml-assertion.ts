// The signed SAML 2.0 assertion SuccessFactors' POST /oauth/token takes (grant type saml2-bearer).
// SAP's /oauth/idp (which signed it server-side with the private key sent along) is deprecated and
// removed, so the connector signs it itself, as SAP's sample code and the sf-oauth tool do: issuer,
// NameID = the API user's userId, audience www.successfactors.com, recipient the token URL, the
// attribute api_key = the OAuth client's API key, an enveloped RSA-SHA256 XML signature.
//
// The XML is written directly in its exclusive-c14n form (attributes in canonical order, no
// self-closing tags, c14n escaping), so the digest and signature need no XML library.
import { createPrivateKey, createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import { CredentialsRejectedError } from '../errors';

export const SAML_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
export const SF_AUDIENCE = 'www.successfactors.com';
const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** SAP's sample tools give an assertion ten minutes. */
const LIFETIME_SECONDS = 600;

export interface AssertionInput {
  clientId: string;
  userId: string;
  tokenUrl: string;
  privateKey: string;
  hrSystemName: string;
  now?: number;
}

const text = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function keyOf(pem: string, hrSystemName: string): KeyObject {
  try {
    // Keys pasted through another JSON layer sometimes keep literal "\n" escapes.
    return createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    // Never the key (or the crypto library's text about it) in a message.
    throw new CredentialsRejectedError(`${hrSystemName}: the private key of the OAuth client cannot be read (a PEM private key is expected)`, hrSystemName);
  }
}

/** The canonical SignedInfo for one reference (ds namespace declared, as exc-c14n renders the apex). */
export function signedInfo(referenceId: string, digest: string, declareNamespace: boolean): string {
  const ns = declareNamespace ? ` xmlns:ds="${DS_NS}"` : '';
  return (
    `<ds:SignedInfo${ns}><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${attr(referenceId)}"><ds:Transforms><ds:Transform Algorithm="${DS_NS}enveloped-signature"></ds:Transform>` +
    `<ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`
  );
}

export const SIGNATURE_ELEMENT = /<ds:Signature xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/ds:Signature>/;

/** The base64 of a freshly signed assertion. */
export function signedAssertion(input: AssertionInput): string {
  const key = keyOf(input.privateKey, input.hrSystemName);
  const now = input.now ?? Date.now();
  const id = `_${randomUUID()}`;
  const [issued, notOnOrAfter] = [instant(now), instant(now + LIFETIME_SECONDS * 1000)];
  const head = `<saml2:Assertion xmlns:saml2="${SAML_NS}" ID="${id}" IssueInstant="${issued}" Version="2.0"><saml2:Issuer>${text(SF_AUDIENCE)}</saml2:Issuer>`;
  const body =
    `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${text(input.userId)}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${attr(input.tokenUrl)}"></saml2:SubjectConfirmationData></saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${issued}" NotOnOrAfter="${notOnOrAfter}"><saml2:AudienceRestriction><saml2:Audience>${text(SF_AUDIENCE)}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${issued}" SessionIndex="${id}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement><saml2:Attribute Name="api_key"><saml2:AttributeValue>${text(input.clientId)}</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement></saml2:Assertion>`;
  // Enveloped signature: the digest covers the assertion without its Signature element.
  const digest = createHash('sha256').update(head + body).digest('base64');
  const signature = sign('RSA-SHA256', Buffer.from(signedInfo(id, digest, true)), key).toString('base64');
  const signatureElement = `<ds:Signature xmlns:ds="${DS_NS}">${signedInfo(id, digest, false)}<ds:SignatureValue>${signature}</ds:SignatureValue></ds:Signature>`;
  return Buffer.from(head + signatureElement + body).toString('base64');
}
