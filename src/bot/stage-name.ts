import type { Stage } from '../../db/schema.ts'
import type { Translate } from './context.ts'

/**
 * A client's stage as the team reads it, in `t`'s language: on the card, in the owner's export
 * beside its code (`stage_name`), on the broadcast's stage buttons and in its segment. One set of
 * words (client-stage-<stage>), so an owner picking "repeat customer" picks what a card says.
 */
export function stageName(t: Translate, stage: Stage): string {
  return t(`client-stage-${stage}`)
}
