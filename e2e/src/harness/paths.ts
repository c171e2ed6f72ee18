// Where the checkout, the project's scripts and the test artifacts are.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
export const SERVICES_SCRIPT = `${REPO_ROOT}/infra/services.sh`;
export const ARTIFACTS_DIR = `${REPO_ROOT}/e2e/artifacts`;
