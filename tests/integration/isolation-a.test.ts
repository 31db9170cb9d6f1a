// Test files share worker processes but must not share state: see tests/setup/isolation-checks.ts.
import { isolationChecks } from "../setup/isolation-checks";

isolationChecks("a");
