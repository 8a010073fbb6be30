// The fake's side of the SAML bearer grant: it checks an assertion as SuccessFactors would against
// the certificate registered with the OAuth client (here its public key): the enveloped RSA-SHA256
// signature over the exclusive-c14n assertion, the validity window, the audience, the recipient and
// the api_key attribute. Only the canonical form saml-assertion.ts writes is read (a fake, not a
// general XML-DSig verifier).
import { createHash, verify, type KeyObject } from 'node:crypto';
import { SF_AUDIENCE, SIGNATURE_ELEMENT, signedInfo } from './saml-assertion';

export interface CheckedAssertion {
  nameId: string;
  apiKey: string;
}

const one = (xml: string, pattern: RegExp): string | null => pattern.exec(xml)?.[1] ?? null;
const unescape = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The assertion's subject and API key, or the reason SuccessFactors would refuse it. */
export function checkAssertion(base64: string, publicKey: KeyObject, tokenUrl: string, now = Date.now()): CheckedAssertion | { refused: string } {
  const xml = Buffer.from(base64, 'base64').toString('utf8');
  const signature = SIGNATURE_ELEMENT.exec(xml)?.[0];
  const id = one(xml, /^<saml2:Assertion [^>]*ID="([^"]+)"/);
  const digest = signature ? one(signature, /<ds:DigestValue>([^<]+)<\/ds:DigestValue>/) : null;
  const value = signature ? one(signature, /<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/) : null;
  if (!signature || !id || !digest || !value) return { refused: 'Unable to authenticate the client (the SAML assertion is not signed)' };
  const unsigned = xml.replace(signature, '');
  if (createHash('sha256').update(unsigned).digest('base64') !== digest) return { refused: 'Unable to authenticate the client (invalid SAML assertion: digest mismatch)' };
  if (!verify('RSA-SHA256', Buffer.from(signedInfo(id, digest, true)), publicKey, Buffer.from(value, 'base64'))) {
    return { refused: 'Unable to authenticate the client (invalid SAML assertion signature)' };
  }
  const notOnOrAfter = Date.parse(one(unsigned, /<saml2:Conditions [^>]*NotOnOrAfter="([^"]+)"/) ?? '');
  const notBefore = Date.parse(one(unsigned, /<saml2:Conditions NotBefore="([^"]+)"/) ?? '');
  if (!(notBefore - 60_000 <= now && now < notOnOrAfter)) return { refused: 'Unable to authenticate the client (the SAML assertion has expired)' };
  if (one(unsigned, /<saml2:Audience>([^<]*)<\/saml2:Audience>/) !== SF_AUDIENCE) return { refused: 'Unable to authenticate the client (invalid audience)' };
  if (unescape(one(unsigned, /Recipient="([^"]*)"/) ?? '') !== tokenUrl) return { refused: 'Unable to authenticate the client (invalid recipient)' };
  const nameId = one(unsigned, /<saml2:NameID [^>]*>([^<]*)<\/saml2:NameID>/);
  const apiKey = one(unsigned, /<saml2:Attribute Name="api_key"><saml2:AttributeValue>([^<]*)<\/saml2:AttributeValue>/);
  if (nameId === null || apiKey === null) return { refused: 'Unable to authenticate the client (the SAML assertion has no subject or api_key)' };
  return { nameId: unescape(nameId), apiKey: unescape(apiKey) };
}
