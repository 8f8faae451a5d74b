/**
 * A client's words that say nobody called them ("вы так и не позвонили", "мне никто не звонил",
 * "жду звонка", "you never called", "still waiting for your call"), in the languages the bot
 * speaks. Read after a call's time, when the team is about to tell the client "we called you and
 * could not reach you": right under their own "вы так и не позвонили((( я ждала" that is a lie the
 * manager did not mean, so they are asked first. A wider net costs one more question to the team.
 */
import { folded } from '../text.ts'

const NOBODY_CALLED: readonly RegExp[] = [
  // "не позвонили", "не звонили", "не перезвонил", "никто не позвонил" — not "не дозвонились"
  /(?<!\p{L})не\s+(?:мне\s+)?(?:по|пере)?звонил/u,
  // "звонка не было", "звонка так и не было", "не было звонка"
  /звонк\p{L}*\s+(?:так\s+и\s+|вообще\s+|никакого\s+)?не\s+было|не\s+было\s+(?:никакого\s+)?звонк/u,
  // "жду звонка", "ждала вашего звонка", "так и не дождалась"
  /(?<!\p{L})(?:жду|ждал\p{L}*|ждем)\s+(?:вашего\s+|вашей\s+|обещанного\s+)?звонк|так\s+и\s+не\s+дождал/u,
  // "где звонок?", "когда позвоните?"
  /(?<!\p{L})где\s+(?:же\s+)?(?:ваш\s+|мой\s+|обещанный\s+)?звонок|когда\s+(?:же\s+)?(?:вы\s+)?(?:мне\s+)?(?:по|пере)?звоните/u,
  // "you didn't call", "nobody has called", "you never rang", "haven't called me back"
  /\b(?:nobody|no one|no-one|never|didn[’']?t|did not|haven[’']?t|have not|hasn[’']?t|has not)(?:[’']s)?\s+(?:(?:has|have|even|yet|ever|actually)\s+)*(?:called|call|rang|ring|phoned)\b/u,
  // "still waiting for your call", "no call", "where is my call", "when will you call"
  /\bwaiting for (?:a |the |your |my )?call\b|\bno call\b|\bwhere(?:[’']s| is) (?:the |my |your )?call\b|\bwhen (?:will|are) you (?:going to )?call\b/u,
]

/** Whether `text` says nobody called the client (see the file's comment). */
export function saysNobodyCalled(text: string): boolean {
  const said = folded(text)
  return NOBODY_CALLED.some((words) => words.test(said))
}
