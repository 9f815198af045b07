import { makeAssembleMidtermEvidence } from './assemble-midterm-evidence';
import type { ActivityDeps } from './deps';
import { withPermanentFailuresAll } from './permanent-failures';
import { makeRecordAccountabilityOutcome } from './record-accountability-outcome';
import { makeRecordAwards, makeRecordObjection } from './record-award';
import { makeRecordContract, makeRecordContractStatus } from './record-contract';
import { makeRecordEvent } from './record-event';
import { makeRecordSupplementary } from './record-supplementary';
import { makeRecordTask } from './record-task';
import { makeRecordTenderLaunched, makeRecordTenderState } from './record-tender';
import { makeSendConversationInvitation } from './send-conversation-invitation';
import { makeSendNotification } from './send-notification';

export type { ActivityDeps } from './deps';

/** Every activity, bound to its dependencies (the worker registers this object). */
export function createActivities(deps: ActivityDeps) {
  return withPermanentFailuresAll({
    recordEvent: makeRecordEvent(deps),
    recordTask: makeRecordTask(deps),
    recordTenderLaunched: makeRecordTenderLaunched(deps),
    recordTenderState: makeRecordTenderState(deps),
    recordAwards: makeRecordAwards(deps),
    recordObjection: makeRecordObjection(deps),
    recordContract: makeRecordContract(deps),
    recordContractStatus: makeRecordContractStatus(deps),
    sendNotification: makeSendNotification(deps),
    recordAccountabilityOutcome: makeRecordAccountabilityOutcome(deps),
    sendConversationInvitation: makeSendConversationInvitation(deps),
    assembleMidtermEvidence: makeAssembleMidtermEvidence(deps),
    recordSupplementary: makeRecordSupplementary(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
