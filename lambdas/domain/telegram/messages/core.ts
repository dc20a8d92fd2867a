/** The bot's own texts: welcome, help, consents, language, balance, privacy (one part of ./index.ts). */
import type { CatalogPart } from './index';

export interface CoreMessages {
  readonly welcome: string;
  readonly help: string;
  readonly consentAsk: string;
  readonly consentAgeButton: string;
  readonly consentPolicyButton: (version: string) => string;
  readonly consentDone: string;
  readonly languageChosen: string;
  readonly languageUsage: string;
  readonly accountInactive: string;
  readonly somethingWentWrong: string;
  readonly notYet: string;
  readonly balance: (credits: { balance: number; allowance: number; purchased: number }) => string;
  readonly privacy: (policyVersion: string) => string;
}

const en: CoreMessages = {
  welcome: 'Welcome to Pictor! Send me a description and I will draw it. /help lists what I can do.',
  help:
    'Send a description to get an image, or a photo with a caption to change it.\n' +
    '/balance your credits · /buy more credits · /history your last images\n' +
    '/language en|es · /privacy what we store · /support write to us\n' +
    '/link <code> connect your app account · /unlink · /delete delete your account',
  consentAsk: 'Before your first image: please confirm you are 13 or older and accept our privacy policy (/privacy).',
  consentAgeButton: 'I am 13 or older',
  consentPolicyButton: (version) => `I accept the privacy policy (${version})`,
  consentDone: 'Thank you! Send me a description and I will draw it.',
  languageChosen: 'I will write to you in English.',
  languageUsage: 'Use /language en or /language es.',
  accountInactive: 'This account is not active, so I cannot do that.',
  somethingWentWrong: 'Something went wrong on our side. Please try again in a moment.',
  notYet: 'That is not available in the bot yet.',
  balance: ({ balance, allowance, purchased }) =>
    `You have ${balance} credits (${purchased} purchased, ${allowance} from your Pro allowance).`,
  privacy: (version) =>
    `Privacy policy version ${version}. From Telegram we receive your user ID, username (if set), language ` +
    'code, and the prompts and images you send; we store your generation history, credit balance and ' +
    'payment status linked to your Telegram ID. Payments are processed by Telegram. /delete erases your data.',
};

const es: CoreMessages = {
  welcome: '¡Bienvenido a Pictor! Envíame una descripción y la dibujaré. /help muestra lo que puedo hacer.',
  help:
    'Envía una descripción para obtener una imagen, o una foto con un texto para cambiarla.\n' +
    '/balance tus créditos · /buy más créditos · /history tus últimas imágenes\n' +
    '/language en|es · /privacy qué guardamos · /support escríbenos\n' +
    '/link <código> conecta tu cuenta de la app · /unlink · /delete borra tu cuenta',
  consentAsk:
    'Antes de tu primera imagen: confirma que tienes 13 años o más y acepta nuestra política de privacidad (/privacy).',
  consentAgeButton: 'Tengo 13 años o más',
  consentPolicyButton: (version) => `Acepto la política de privacidad (${version})`,
  consentDone: '¡Gracias! Envíame una descripción y la dibujaré.',
  languageChosen: 'Te escribiré en español.',
  languageUsage: 'Usa /language en o /language es.',
  accountInactive: 'Esta cuenta no está activa, así que no puedo hacerlo.',
  somethingWentWrong: 'Algo falló por nuestra parte. Inténtalo de nuevo en un momento.',
  notYet: 'Eso aún no está disponible en el bot.',
  balance: ({ balance, allowance, purchased }) =>
    `Tienes ${balance} créditos (${purchased} comprados, ${allowance} de tu asignación Pro).`,
  privacy: (version) =>
    `Política de privacidad, versión ${version}. De Telegram recibimos tu ID de usuario, tu nombre de usuario ` +
    '(si lo tienes), tu código de idioma y las descripciones e imágenes que envías; guardamos tu historial, ' +
    'tu saldo y el estado de tus pagos, vinculados a tu ID de Telegram. Telegram procesa los pagos. ' +
    '/delete borra tus datos.',
};

export const coreMessages: CatalogPart<CoreMessages> = { en, es };
