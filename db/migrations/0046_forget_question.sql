-- /forget's question that stands in a client's chat, with what it named as erasing cancels then:
-- only a Yes on that message, while those still hold, erases (src/bot/features/privacy.ts). A
-- question asked before this has none, and its Yes asks again.
ALTER TABLE `clients` ADD `forget_question` text;
