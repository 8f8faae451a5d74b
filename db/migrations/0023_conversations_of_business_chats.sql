-- A flow running in a client's chat with the owner's own account (Telegram Business) was kept
-- under the chat's id alone, which now means the client's chat with the bot (conversationKey in
-- db/storage.ts). Such state, known by the connection of the update that began it, moves to
-- that chat's key: it goes on there and does not take the bot's chat over. A flow that began in
-- the bot's chat stays where it is; a value that is not JSON is left alone.
UPDATE OR REPLACE `kv` SET `key` = `kv`.`key` || ':' || `began`.`connection`
FROM (
  SELECT `kv`.`key` AS `key`, coalesce(
    json_extract(`flow`.`value`, '$[0].replay.receive[0].returnValue.business_message.business_connection_id'),
    json_extract(`flow`.`value`, '$[0].replay.receive[0].returnValue.callback_query.message.business_connection_id')
  ) AS `connection`
  FROM `kv`, json_each(CASE WHEN json_valid(`kv`.`value`) THEN `kv`.`value` ELSE '{}' END, '$.state') AS `flow`
  WHERE `kv`.`key` LIKE 'conv:%' AND `kv`.`key` NOT LIKE 'conv:%:%'
) AS `began`
WHERE `kv`.`key` = `began`.`key` AND `began`.`connection` IS NOT NULL;
