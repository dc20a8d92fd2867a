/** Where the export ZIP puts each image, so a person can find a conversation's images (docs/export.md). */
import { conversationFolder, imageEntryName } from '../../../lambdas/domain/export/zip-layout';

describe('export ZIP layout', () => {
  it('names a conversation folder by its title and id', () => {
    expect(conversationFolder('c1', 'Cats in space')).toBe('Cats in space (c1)');
  });

  it('removes slashes, control characters and leading dots from the title', () => {
    expect(conversationFolder('c1', '../a/b\\c\u0000d')).toBe('a b c d (c1)');
  });

  it('falls back to the id when the title is missing or nothing of it is left', () => {
    expect(conversationFolder('c1', undefined)).toBe('c1');
    expect(conversationFolder('c1', ' / ')).toBe('c1');
  });

  it('cuts long titles without splitting a character', () => {
    const folder = conversationFolder('c1', '🐱'.repeat(100));
    expect(folder).toBe(`${'🐱'.repeat(60)} (c1)`);
  });

  it('puts an image under its conversation folder named by generation and position', () => {
    expect(imageEntryName('Cats (c1)', 'g1', 2, 'png')).toBe('images/Cats (c1)/g1-2.png');
  });
});
