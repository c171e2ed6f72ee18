// Prints the OpenAPI document to stdout, for integrators and CAD vendors: `npm run --silent openapi -w server > openapi.json`.
import { API_DESCRIPTIONS } from '../features.ts';
import { openApiDocumentOf } from './routes.ts';

process.stdout.write(`${JSON.stringify(openApiDocumentOf(() => API_DESCRIPTIONS)(), null, 2)}\n`);
