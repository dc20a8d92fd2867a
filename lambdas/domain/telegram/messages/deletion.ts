/** The texts of /delete (one part of ./index.ts). */
import type { CatalogPart } from './index';

export interface DeletionMessages {
  readonly deleteAsk: string;
  readonly deleteButton: string;
  readonly deleteStarted: string;
}

const en: DeletionMessages = {
  deleteAsk:
    'This deletes your Pictor account: your images, history, credits and settings. It cannot be undone. ' +
    'Payment records the law requires us to keep are kept without your images or prompts.',
  deleteButton: 'Delete my account',
  deleteStarted: 'Your account is being deleted. This usually takes minutes and at most 30 days.',
};

const es: DeletionMessages = {
  deleteAsk:
    'Esto borra tu cuenta de Pictor: tus imágenes, historial, créditos y ajustes. No se puede deshacer. ' +
    'Los registros de pago que la ley nos obliga a guardar se conservan sin tus imágenes ni descripciones.',
  deleteButton: 'Borrar mi cuenta',
  deleteStarted: 'Tu cuenta se está borrando. Suele tardar minutos y como mucho 30 días.',
};

export const deletionMessages: CatalogPart<DeletionMessages> = { en, es };
