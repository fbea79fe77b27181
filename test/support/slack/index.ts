export { SlackApiError } from './api-error.js';
export { type Args, JSON_FIELDS } from './args.js';
export { slackCommandText } from './command-text.js';
export {
  type AppHomeOpenedOptions,
  appHomeOpenedEvent,
  appMentionEvent,
  type EventEnvelopeOptions,
  eventEnvelope,
  type MemberJoinedOptions,
  type MessageEventOptions,
  memberJoinedChannelEvent,
  messageEvent,
  newEventId,
  type ReactionEventOptions,
  reactionAddedEvent,
  reactionRemovedEvent,
  type SlackEvent,
} from './events.js';
export type { ApiFault, FaultPolicy, RateLimitRule } from './faults.js';
export { FILE_UPLOAD_FAULT_KEY, type FileUploadPost } from './file-uploads.js';
export type { PayloadSource } from './payload-parts.js';
export {
  type BlockActionOptions,
  blockActionsPayload,
  findElement,
  type GlobalShortcutOptions,
  globalShortcutPayload,
  type MessageShortcutOptions,
  messageShortcutPayload,
  plainTextValue,
  type SlashCommandOptions,
  selectedOptionValue,
  slashCommandBody,
  type ViewStateValues,
  type ViewSubmissionOptions,
  viewSubmissionPayload,
} from './payloads.js';
export {
  type EventSendOptions,
  FORM_CONTENT_TYPE,
  type RawRequest,
  type SentRequest,
  type SignOptions,
  type SlackHttpResponse,
  SlackRequests,
  type SlackRequestsOptions,
} from './requests.js';
export { RESPONSE_URL_FAULT_KEY, type ResponseUrlPost } from './response-urls.js';
export { signatureHeaders, signRequest, slackSignature } from './signing.js';
export type { EnvelopeOptions, EnvelopeRecord, EnvelopeType } from './socket-mode.js';
export {
  DEFAULT_SIGNING_SECRET,
  type ReactionTarget,
  type ResponseUrlTarget,
  type SeedMessage,
  SlackStandIn,
  type StandInOptions,
} from './stand-in.js';
export type {
  Block,
  MessageVersion,
  Reaction,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './state.js';
export type { ApiCall } from './web-api.js';
export {
  APP_ID,
  APP_TOKEN,
  addCoworkers,
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  CHANNELS,
  type CreateWorkspaceOptions,
  createWorkspace,
  DEFAULT_BOT_SCOPES,
  dmChannelId,
  findChannel,
  findUser,
  PARTNER_TEAM_ID,
  publicChannel,
  type SlackChannel,
  type SlackUser,
  type SlackUserProfile,
  TEAM_ID,
  USERS,
  type Workspace,
  type WorkspaceRole,
  zoneOffsetSeconds,
} from './workspace.js';
