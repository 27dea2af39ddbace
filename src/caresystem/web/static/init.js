// Starts the NHS.UK frontend's components; a file, not an inline script, so the content security policy
// can refuse every inline script.
import { initAll } from '/static/nhsuk/nhsuk-frontend.min.js';

initAll();
