/** Types of api-types.mjs, for the e2e test that imports it. */
export declare const SCHEMA_FILE: string;
export declare function renderApiTypes(document: unknown): Promise<string>;
