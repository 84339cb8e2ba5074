// Every property failure carries its error in its message: `npm run reliability` keeps only the
// message (vitest's JSON report drops an error's cause), and a breach must say what broke.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), includeErrorInReport: true });
