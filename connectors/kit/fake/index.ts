// The fake toolkit: one way to serve a vendor's auth, paging, field shapes and rate limits, with a
// per-request fault script and a request log. Every connectors/<vendor>/fake-*.ts is built on it.
export { basicCredentials, basicHeader, bearerToken, TokenStore, type TokenState } from './auth';
export { FaultScript, retryAfterHeader, type Fault, type FaultDialect, type FaultHandle, type FaultStep } from './faults';
export { RollingWindowLimit } from './limits';
export { intParam, offsetPage, positionToken, readPositionToken } from './paging';
export { RequestLog, type LoggedRequest, type RequestFilter } from './request-log';
export { MALFORMED_RECORD, serveVendorFake, type ListingShape, type RunningVendorFake, type VendorFakeOptions } from './serve';
export type { FakeRequest, FakeResponse } from '../../fake-http-server';
export { FAKE_FIRST_NAMES, FAKE_LAST_NAMES, fakePerson, isoDay, type FakePerson } from './people';
