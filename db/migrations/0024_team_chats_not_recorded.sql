-- A team member's chat with the bot is no longer recorded (src/bot/handoff/recorder.ts): their
-- commands named clients (`/export @vera_k`), the bot's answers listed them, and its /export and
-- /backup files held them, all kept under the team member's own client row, in /find's index and
-- in every backup, after those clients' /forget too. What was recorded of that chat since they
-- joined the team goes (its search entries with it, by the messages' delete trigger). The staff
-- table holds the whole team: the owners of OWNER_IDS are copied into it at every start, so
-- every owner the bot ever ran with is there. What they wrote as a client before joining stays,
-- and so does what was written while a request of their own was open (trying the bot as a
-- client): the recorder keeps that too, since the relay copies it to the topic from here.
DELETE FROM `messages` WHERE `id` IN (
  SELECT m.`id` FROM `messages` m
    JOIN `clients` c ON c.`id` = m.`client_id`
    JOIN `staff` s ON s.`telegram_id` = c.`telegram_id`
  WHERE m.`direction` IN ('in', 'bot') AND m.`business_connection_id` IS NULL AND m.`created_at` >= s.`created_at`
    AND NOT EXISTS (
      SELECT 1 FROM `handoffs` h
      WHERE h.`client_id` = m.`client_id` AND h.`opened_at` <= m.`created_at`
        AND (h.`closed_at` IS NULL OR m.`created_at` <= h.`closed_at`)
    )
);
