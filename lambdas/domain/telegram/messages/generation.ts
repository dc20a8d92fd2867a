/** The texts of generating from chat and of /history (one part of ./index.ts). */
import type { CatalogPart } from './index';

export interface GenerationMessages {
  readonly generationQueued: (credits: number) => string;
  readonly generationDone: (credits: number) => string;
  readonly generationBlocked: (credits: number) => string;
  readonly generationFailed: (credits: number) => string;
  readonly generationImageGone: string;
  readonly promptBlocked: string;
  readonly promptInvalid: string;
  readonly notEnoughCredits: (needed: number, balance: number) => string;
  readonly generationUnavailable: string;
  readonly historyEmpty: string;
  readonly historyHeading: string;
  readonly historyStatus: Readonly<Record<'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'BLOCKED' | 'FAILED', string>>;
}

const credits = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: GenerationMessages = {
  generationQueued: (n) => `Drawing it… (${credits(n, 'credit', 'credits')})`,
  generationDone: (n) => `Here it is (${credits(n, 'credit', 'credits')}). /history shows your last images.`,
  generationBlocked: (n) =>
    'The model’s safety filter declined this. Try rewording it. ' +
    `Your ${credits(n, 'credit was', 'credits were')} refunded.`,
  generationFailed: (n) =>
    `I could not make this image. Please try again. Your ${credits(n, 'credit was', 'credits were')} refunded.`,
  generationImageGone: 'The image was made but has since been removed.',
  promptBlocked: 'I cannot draw that: it goes against the content rules. Nothing was charged.',
  promptInvalid: 'Please send a description of up to 2,000 characters, in plain text.',
  notEnoughCredits: (needed, balance) =>
    `This needs ${credits(needed, 'credit', 'credits')} and you have ${balance}. /buy gets more.`,
  generationUnavailable: 'Images cannot be made right now; nothing was charged. Please try again shortly.',
  historyEmpty: 'No images yet. Send me a description to make your first one.',
  historyHeading: 'Your last images:',
  historyStatus: {
    QUEUED: 'waiting',
    RUNNING: 'drawing',
    SUCCEEDED: 'done',
    BLOCKED: 'declined, refunded',
    FAILED: 'failed, refunded',
  },
};

const es: GenerationMessages = {
  generationQueued: (n) => `Dibujando… (${credits(n, 'crédito', 'créditos')})`,
  generationDone: (n) => `Aquí está (${credits(n, 'crédito', 'créditos')}). /history muestra tus últimas imágenes.`,
  generationBlocked: (n) =>
    'El filtro de seguridad del modelo lo rechazó. Prueba a reformularlo. ' +
    `Te devolvimos ${credits(n, 'crédito', 'créditos')}.`,
  generationFailed: (n) =>
    `No pude crear esta imagen. Inténtalo de nuevo. Te devolvimos ${credits(n, 'crédito', 'créditos')}.`,
  generationImageGone: 'La imagen se creó, pero ya fue retirada.',
  promptBlocked: 'No puedo dibujar eso: va contra las normas de contenido. No se cobró nada.',
  promptInvalid: 'Envía una descripción de hasta 2000 caracteres, en texto.',
  notEnoughCredits: (needed, balance) =>
    `Esto necesita ${credits(needed, 'crédito', 'créditos')} y tienes ${balance}. /buy para conseguir más.`,
  generationUnavailable: 'Ahora no se pueden crear imágenes; no se cobró nada. Inténtalo en un momento.',
  historyEmpty: 'Aún no hay imágenes. Envíame una descripción para crear la primera.',
  historyHeading: 'Tus últimas imágenes:',
  historyStatus: {
    QUEUED: 'en espera',
    RUNNING: 'dibujando',
    SUCCEEDED: 'lista',
    BLOCKED: 'rechazada, reembolsada',
    FAILED: 'fallida, reembolsada',
  },
};

export const generationMessages: CatalogPart<GenerationMessages> = { en, es };
