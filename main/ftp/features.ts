import { loadCharset, UTF8_CHARSET, type CharsetName } from './charset';
import type { ControlConnection } from './control';
import type { Reply } from './reply';

/** Features a server announced in FEAT: upper-case name → its parameters ('' when none). */
export type FeatureMap = ReadonlyMap<string, string>;

/** Parses a FEAT reply (RFC 2389 §3.2); anything but 211 means no features. */
export function parseFeatures(reply: Reply): FeatureMap {
  const features = new Map<string, string>();
  if (reply.code !== 211) return features;
  // The first line is "211-Features:" and the last "211 End"; each feature line between starts with a space.
  for (const line of reply.text.split('\n').slice(1, -1)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const space = trimmed.indexOf(' ');
    const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    features.set(name, space === -1 ? '' : trimmed.slice(space + 1).trim());
  }
  return features;
}

/** The charset a site asks for: 'auto' means UTF-8, announced with OPTS UTF8 ON when the server offers it. */
export type CharsetSetting = 'auto' | CharsetName;

/** What FEAT and OPTS UTF8 left the session with. */
export interface FeatureNegotiation {
  readonly features: FeatureMap;
  readonly featReply: Reply;
  readonly charset: CharsetName;
  /** The reply to OPTS UTF8 ON, when it was sent. */
  readonly utf8Reply?: Reply;
}

/** Sends FEAT, then OPTS UTF8 ON when UTF8 is offered and the site wants UTF-8; switches the charset of paths. */
export async function negotiateFeatures(control: ControlConnection, setting: CharsetSetting): Promise<FeatureNegotiation> {
  const featReply = await control.send('FEAT', undefined, { securing: true });
  const features = parseFeatures(featReply);
  if (setting !== 'auto' && setting !== 'utf-8') {
    control.setCharset(await loadCharset(setting));
    return { features, featReply, charset: setting };
  }
  control.setCharset(UTF8_CHARSET);
  if (!features.has('UTF8')) return { features, featReply, charset: 'utf-8' };
  // Some servers (IIS, older vsftpd) need it before they send UTF-8 names; a refusal changes nothing for us.
  const utf8Reply = await control.send('OPTS', 'UTF8 ON', { securing: true });
  return { features, featReply, charset: 'utf-8', utf8Reply };
}
