import supertest, { type Response, type Test } from 'supertest';
import { contractOf } from './openapi-contract.js';

export type { Response };

export interface ApiTest extends Test {
  /**
   * Skips the contract check for this one request, for answers that are off-contract on purpose
   * (the router's refusals of malformed URLs, pages that are not API operations). Say why; with
   * `statuses`, only answers with one of them are skipped.
   */
  offContract(reason: string, statuses?: number[]): this;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
export type ApiRequest = Record<Method, (url: string) => ApiTest>;

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/**
 * supertest's `request(server)`, checking every answer against the OpenAPI document the server
 * serves: an undocumented route, status, media type or field fails the request that received it,
 * after the test's own `.expect(...)` assertions have passed.
 */
export function request(server: string): ApiRequest {
  const agent = supertest(server);
  const call = (method: Method) => (url: string) => {
    const test = agent[method](url) as ApiTest;
    // Fetched now, not after the answer: the app may be shutting down by then (drain tests).
    const contract = contractOf(server);
    contract.catch(() => undefined);
    let skipped: (status: number) => boolean = () => false;
    test.offContract = (_reason, statuses) => {
      const before = skipped;
      skipped = (status) => before(status) || statuses === undefined || statuses.includes(status);
      return test;
    };
    const end = test.end.bind(test);
    test.end = (callback) =>
      end((error: Error | null, response: Response) => {
        if (error || skipped(response.status)) return callback?.(error, response);
        contract
          .then((contract) => {
            const violation = contract.violation(method, url, response);
            callback?.(
              violation ? new Error(`Off the OpenAPI document: ${violation}`) : null,
              response,
            );
          })
          .catch((failure: Error) => callback?.(failure, response));
      });
    return test;
  };
  return Object.fromEntries(METHODS.map((method) => [method, call(method)])) as ApiRequest;
}
