/**
 * Where each file sits inside the export ZIP (docs/export.md): `images/<conversation>/<generation>-<n>.<ext>`
 * so a person can find a conversation's images. Pure domain code: no AWS types here.
 */

/** The longest folder name taken from a title; long titles are cut so paths stay readable everywhere. */
const maxFolderLength = 60;

/**
 * A conversation's folder: its title made safe for every unzip tool (no slashes, control characters or
 * reserved punctuation, no leading dots), followed by its id so two conversations with one title never
 * share a folder. Falls back to the id alone when nothing of the title is left.
 */
export function conversationFolder(conversationId: string, title: string | undefined): string {
  const safe = (title ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cs}/\\:*?"<>|]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const cut = Array.from(safe).slice(0, maxFolderLength).join('').trim();
  return cut ? `${cut} (${conversationId})` : conversationId;
}

/** The entry name of the `index`-th (from 1) image of a generation. */
export function imageEntryName(folder: string, generationId: string, index: number, extension: string): string {
  return `images/${folder}/${generationId}-${index}.${extension}`;
}
