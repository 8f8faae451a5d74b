/**
 * The emulated Bot API's errors: the codes and descriptions Telegram answers
 * with, in one place, so every rule refuses with the words a bot sees from
 * Telegram (and a bot's error handling can be tried against them).
 */

export class TelegramError extends Error {
  override name = 'TelegramError'

  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description)
  }
}

const bad = (what: string) => new TelegramError(400, `Bad Request: ${what}`)
const forbidden = (what: string) => new TelegramError(403, `Forbidden: ${what}`)

/** Every refusal the emulator can give, named by what it means. */
export const refuse = {
  unauthorized: () => new TelegramError(401, 'Unauthorized'),
  notFound: () => new TelegramError(404, 'Not Found'),
  /** An upload over the 50 MB bots may send. */
  requestTooLarge: () => new TelegramError(413, 'Request Entity Too Large'),
  tooManyRequests: (retryAfter: number) =>
    new TelegramError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),

  missing: (param: string) => bad(`${param} is empty`),
  badJson: (param: string) => bad(`can't parse ${param} JSON object`),
  /** Half of an emoji (a lone UTF-16 surrogate, as a cut in the middle of one leaves) has no UTF-8 form. */
  notUtf8: (param: string) => bad(`${param} must be encoded in UTF-8`),
  chatNotFound: () => bad('chat not found'),
  userNotFound: () => bad('user not found'),
  blocked: () => forbidden('bot was blocked by the user'),
  cantInitiate: () => forbidden("bot can't initiate conversation with a user"),
  notMember: () => forbidden('bot is not a member of the supergroup chat'),

  textEmpty: () => bad('message text is empty'),
  textTooLong: () => bad('message is too long'),
  captionTooLong: () => bad('message caption is too long'),
  parseEntities: (detail: string) => bad(`can't parse entities: ${detail}`),
  parseMode: (mode: string) => bad(`unsupported parse_mode "${mode}" (the sandbox speaks HTML only)`),

  buttonDataInvalid: () => bad('BUTTON_DATA_INVALID'),
  markupTooLong: () => bad('reply markup is too long'),
  buttonUrlInvalid: () => bad('BUTTON_URL_INVALID'),
  buttonTypeInvalid: () => bad('BUTTON_TYPE_INVALID'),
  keyboardInvalid: () => bad("can't parse reply keyboard markup JSON object"),

  threadNotFound: () => bad('message thread not found'),
  topicClosed: () => bad('TOPIC_CLOSED'),
  topicNotModified: () => bad('TOPIC_NOT_MODIFIED'),
  topicIdInvalid: () => bad('TOPIC_ID_INVALID'),
  topicNameInvalid: () => bad('TOPIC_TITLE_EMPTY'),
  notAForum: () => bad('the chat is not a forum'),
  noTopicRights: () => bad('not enough rights to create a topic'),
  noPinRights: () => bad('not enough rights to manage pinned messages in the chat'),

  replyNotFound: () => bad('message to be replied not found'),
  editNotFound: () => bad('message to edit not found'),
  cantEdit: () => bad("message can't be edited"),
  noTextToEdit: () => bad('there is no text in the message to edit'),
  noCaptionToEdit: () => bad('there is no caption in the message to edit'),
  notModified: () =>
    bad(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  copyNotFound: () => bad('message to copy not found'),
  cantCopy: () => bad("message can't be copied"),
  forwardNotFound: () => bad('message to forward not found'),
  deleteNotFound: () => bad('message to delete not found'),
  cantDelete: () => bad("message can't be deleted"),
  pinNotFound: () => bad('message to pin not found'),
  unpinNotFound: () => bad('message to unpin not found'),
  mediaGroupInvalid: () => bad('media group must consist of 2-10 items'),
  reactNotFound: () => bad('message to react not found'),
  reactionInvalid: () => bad('REACTION_INVALID'),

  queryInvalid: () => bad('query is too old and response timeout expired or query ID is invalid'),
  callbackTextTooLong: () => bad('MESSAGE_TOO_LONG'),

  fileIdInvalid: () => bad('wrong file identifier/HTTP URL specified'),
  urlContentFailed: () => bad('failed to get HTTP URL content'),
  getFileInvalid: () => bad('invalid file_id'),
  fileTooBig: () => bad('file is too big'),

  invoiceTitleInvalid: () => bad('INVOICE_TITLE_INVALID'),
  invoiceDescriptionInvalid: () => bad('INVOICE_DESCRIPTION_INVALID'),
  invoicePayloadInvalid: () => bad('INVOICE_PAYLOAD_INVALID'),
  totalAmountInvalid: () => bad('CURRENCY_TOTAL_AMOUNT_INVALID'),
  currencyInvalid: () => bad('CURRENCY_INVALID'),
  paymentProviderInvalid: () => bad('PAYMENT_PROVIDER_INVALID'),
  starsInvoiceInvalid: () => bad('STARS_INVOICE_INVALID'),
  queryIdInvalid: () => bad('QUERY_ID_INVALID'),
  chargeNotFound: () => bad('CHARGE_NOT_FOUND'),
  chargeAlreadyRefunded: () => bad('CHARGE_ALREADY_REFUNDED'),

  businessConnectionInvalid: () => bad('BUSINESS_CONNECTION_INVALID'),
  businessConnectionDisabled: () => bad('BUSINESS_CONNECTION_NOT_ALLOWED'),
  businessNoReplyRight: () => bad('BOT_ACCESS_FORBIDDEN: the bot has no right to reply'),
  businessNoDeleteRight: () => bad('BOT_ACCESS_FORBIDDEN: the bot has no right to delete these messages'),
  businessWindowClosed: () => bad('BUSINESS_PEER_USAGE_MISSING: no message from the user in the last 24 hours'),
  businessKeyboard: () => bad('reply keyboards are not supported in business chats'),

  commandInvalid: () => bad('BOT_COMMAND_INVALID'),
  commandDescriptionInvalid: () => bad('BOT_COMMAND_DESCRIPTION_INVALID'),
  tooManyCommands: () => bad('too many commands'),

  badWebhook: (why: string) => bad(`bad webhook: ${why}`),
  secretTokenInvalid: () => bad('secret token contains unallowed characters'),
  webhookActive: () =>
    new TelegramError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
  otherGetUpdates: () =>
    new TelegramError(
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ),
}
