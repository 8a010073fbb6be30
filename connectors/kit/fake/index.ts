// The fake toolkit: one way to serve a vendor's auth, paging, field shapes and rate limits, with a
// per-request fault script and a request log. Every connectors/<vendor>/fake-*.ts is built on it.
export { basicCredentials, basicHeader, bearerToken, TokenStore, type TokenState } from './auth';
export { GeneratedDirectory } from './directory';
export { FaultScript, retryAfterHeader, type Fault, type FaultDialect, type FaultHandle, type FaultStep } from './faults';
export { basicUserGuard, firstRefusal, grantGuard, headerGuard, tokenGuard, type TokenRefusal } from './guards';
export { RollingWindowLimit } from './limits';
export { afterPage, intParam, jsonToken, numberParam, offsetPage, positionToken, readJsonToken, readPositionToken, tokenPage } from './paging';
export { expireAndRefuse, listingAt, parseJson, requestFields, scheduleThrottles, serveFake, withCounters, type FakeCounters, type FakeEmployees, type GeneratedFakeOptions, type RunningFake, type SeededFakeOptions } from './plumbing';
export { deliverNotification, type DeliveredNotification } from './notify';
export { RequestLog, type LoggedRequest, type RequestFilter } from './request-log';
export { router, type FakeAnswer, type FakeHandler, type Guard, type Route, type RouterOptions } from './routes';
export { MALFORMED_RECORD, serveVendorFake, type ListingShape, type RunningVendorFake, type VendorFakeOptions } from './serve';
export type { FakeRequest, FakeResponse } from '../../fake-http-server';
export { FAKE_FIRST_NAMES, FAKE_LAST_NAMES, fakePerson, isoDay, type FakePerson } from './people';
