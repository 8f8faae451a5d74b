/**
 * What the read worker runs: reads that scan many clients or messages. Each task is a
 * synchronous function of a read-only connection and a plain input, returning plain data
 * (both cross a thread boundary).
 */
import type { Db } from '../../../db/client.ts'
import {
  countReachedLately,
  countSegment,
  languagesInUse,
  segmentUnreachable,
  segmentZones,
  tagsInUse,
  unsentReachable,
} from '../../../db/repositories/segments.ts'
import { writeClientsCsv, writeSnapshot } from '../data-export.ts'
import { planSweep } from '../followups/sweep.ts'
import { statsReport } from '../stats-report.ts'

export const READ_TASKS = {
  stats: statsReport,
  sweepPlan: planSweep,
  clientsCsv: writeClientsCsv,
  snapshot: writeSnapshot,
  segmentCount: countSegment,
  segmentReachedLately: countReachedLately,
  segmentZones,
  unsentReachable,
  segmentUnreachable,
  segmentTags: tagsInUse,
  segmentLanguages: languagesInUse,
} satisfies Record<string, (db: Db, input: never) => unknown>

export type ReadTasks = typeof READ_TASKS
export type ReadTaskName = keyof ReadTasks
export type ReadTaskInput<K extends ReadTaskName> = Parameters<ReadTasks[K]>[1]
export type ReadTaskOutput<K extends ReadTaskName> = ReturnType<ReadTasks[K]>
