# Payments inside Telegram: what the client sees in the payment form and the chat
checkout-refused-not-found = Этот счёт больше не действует. Если остались вопросы по оплате — напишите менеджеру.
checkout-refused-foreign = Этот счёт выставлен другому человеку — оплатить его можно только из его чата с ботом.
checkout-refused-paid = Этот счёт уже оплачен — второй раз платить не нужно.
checkout-refused-refunded = Деньги по этому счёту вернули — оплатить его снова нельзя. Напишите менеджеру, если хотите оформить заказ заново.
checkout-refused-cancelled = Этот счёт отменён — оплачивать его не нужно.
checkout-refused-changed = Этот счёт изменился — попросите менеджера прислать актуальный.
checkout-refused-in-progress = Оплата этого счёта уже проходит — второй раз платить не нужно. Если деньги не списались, попробуйте снова через пару минут.
payment-received-check = { $name }, оплата { $amount } получена, спасибо! Менеджер проверит, к какому счёту она относится, и напишет вам.
paid-after-erasure-client = { $name }, эта оплата пришла по счёту, который больше не действует: вы удалили свои данные раньше, чем она дошла. Мы сообщили владельцу — деньги вернут тем же способом, которым вы платили.
paid-after-erasure-client-stars = { $name }, эта оплата пришла по счёту, который больше не действует: вы удалили свои данные раньше, чем она дошла. Stars вернули — они уже на вашем балансе в Telegram.
paid-after-erasure-client-stars-failed = { $name }, эта оплата пришла по счёту, который больше не действует: вы удалили свои данные раньше, чем она дошла. Вернуть Stars сразу не получилось — мы сообщили владельцу. Сохраните номер платежа, он понадобится для возврата: { $charge }
refund-client-stars = Счёт №{ $id }: вернули { $amount } — они уже на вашем балансе в Telegram.
refund-client-provider = Счёт №{ $id }: оформили возврат { $amount }. Деньги вернутся тем же способом, которым вы платили (обычно за несколько дней).

# Payments inside Telegram: what staff see
paid-telegram = ✅ Счёт №{ $id } ({ $amount }) оплачен { $via ->
        [stars] в Telegram Stars
       *[other] в Telegram через платёжного провайдера
    }. Клиенту отправлено подтверждение, напоминания остановлены.
paid-telegram-unexpected = ⚠️ Клиент заплатил { $amount } в Telegram по счёту №{ $id }, но этот счёт { $status ->
        [paid] уже был оплачен
        [cancelled] отменён
        [refunded] уже возвращён
        [unpaid] на другую сумму
       *[other] не найден
    }. Проверьте и при необходимости верните деньги (Stars — /refund, иначе — в кабинете провайдера). Платёж Telegram: { $charge }
paid-after-erasure-provider = ⚠️ По счёту №{ $id } пришла оплата { $amount } уже после того, как клиент удалил свои данные (/forget): платёжная форма была открыта. Заказ ничей, выполнять его некому. Верните деньги в кабинете провайдера (платёж провайдера: { $provider }) и отметьте возврат: /refunded { $id }. Платёж Telegram: { $charge }
paid-after-erasure-stars = ↩️ По счёту №{ $id } пришла оплата { $amount } уже после того, как клиент удалил свои данные (/forget): платёжная форма была открыта. Заказ ничей, поэтому бот сразу вернул Stars плательщику. Платёж Telegram: { $charge }
paid-after-erasure-stars-failed = ⚠️ По счёту №{ $id } пришла оплата { $amount } уже после того, как клиент удалил свои данные (/forget): платёжная форма была открыта. Бот попробовал сразу вернуть Stars, но Telegram отказал: { $reason }. Кто платил, бот не хранит, так что /refund здесь уже не поможет. Платёж Telegram: { $charge }
# A client typed /refund (an owner's command): the team is asked instead, and this goes first in the answer
refund-client-asked = Возвратами занимаются менеджеры.
# A manager's /refund or /refunded in a client's topic: the owners give money back, so they are asked;
# $how: how the invoice was paid (stars, provider, staff), the command to use then; none for no invoice named
refund-asked-by-staff = ↩️ { $staff } просит оформить возврат{ $invoice ->
        [none] {""}
       *[other] {" "}по счёту №{ $invoice } ({ $amount })
    }. Клиент: { $client }. { $how ->
        [stars] Оплачен в Stars: вернуть их — /refund { $invoice } (Stars вернёт Telegram).
        [provider] Оплачен через платёжного провайдера: верните деньги в его кабинете и отметьте возврат — /refunded { $invoice }.
        [staff] Оплату подтвердил менеджер: верните деньги тем же способом, каким клиент платил, и отметьте возврат — /refunded { $invoice }.
       *[other] Отметить возврат — /refunded с номером счёта (оплата в Stars — /refund), здесь или в теме клиента.
    }
refund-passed-to-owners = Возврат оформляет владелец — я передал ему вашу просьбу со ссылкой на эту тему.
refund-usage = Возврат: /refund <номер счёта> — для оплаты в Telegram Stars (Stars вернёт Telegram). Возврат оплаты через провайдера делается в его кабинете, а здесь отмечается: /refunded <номер счёта>.
# In a client's topic only that client's invoices are looked at
refund-not-found = Счёт №{ $id } не найден{ $where ->
        [topic] {" "}(в теме клиента — только его счета)
       *[other] {""}
    }.
refund-partial = Частичный возврат бот не записывает: счёт в боте бывает только оплачен или возвращён целиком. Вернули всю сумму — /{ $command } { $id }; только часть — оставьте счёт оплаченным и запишите это заметкой в теме клиента (/note).
refund-cancelled = Счёт №{ $id } отменён, его не оплатили — возвращать нечего.
refund-not-stars-manual = Счёт №{ $id } отметили оплаченным в теме (/paid или кнопкой «✅ Оплата пришла»): верните деньги тем же способом, каким клиент платил, и запишите возврат: /refunded { $id }.
refund-not-paid = Счёт №{ $id } не оплачен — возвращать нечего.
# When the money went back ($date, as staff read every time) and who gave it back ($by), each where known
refund-already = Оплата по счёту №{ $id } уже возвращена{ $dated ->
        [yes] : { $date }
       *[no] {""}
    }{ $named ->
        [yes] {" "}— { $by }
       *[no] {""}
    }.
refund-not-stars = Счёт №{ $id } оплачен не в Stars: верните деньги в кабинете платёжного провайдера (или переводом) и отметьте возврат: /refunded { $id }.
refund-client-gone = Клиент удалил свои данные — вернуть Stars через бота уже нельзя.
refund-failed = Telegram не вернул Stars по счёту №{ $id }: { $reason }
refunded-is-stars = Счёт №{ $id } оплачен в Stars — верните их командой /refund { $id }: Telegram вернёт их сам.
refund-done = ↩️ Счёт №{ $id }: возврат { $amount } записан{ $told ->
        [no] , клиент удалил свои данные — сообщить некому
       *[yes] , клиенту сообщили
    } ({ $by }).
refund-reported = ↩️ Telegram сообщил о возврате оплаты по счёту №{ $id } ({ $amount }).
cmd-refund = Вернуть оплату в Stars: /refund <номер счёта>
cmd-refunded = Отметить возврат через провайдера: /refunded <номер счёта>
