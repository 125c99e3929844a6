// Child process for the crash test: saves one site over and over through the sites
// service, each version a little different, until it is killed with SIGKILL.
import { createSitesService } from '../../../main/sites/sites-service';
import { NoVault } from '../../../main/sites/vault/credential-vault';
import { siteDraft } from './fixtures';

const sites = createSitesService({ dataDir: process.argv[2]!, vault: new NoVault() });
const [existing] = await sites.list();
let site = existing ?? (await sites.save(siteDraft({ passwordMode: 'ask', comments: '0' })));
process.stdout.write('ready\n');
for (let version = Number.parseInt(site.comments ?? '0', 10) + 1; ; version++) {
  // Pad the comments (capped at 10,000 characters) so each write has some bulk.
  site = await sites.save({ ...site, comments: `${version} ${'y'.repeat(8_000 + (version % 977))}` });
}
