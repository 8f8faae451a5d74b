# Payments inside Telegram: what the client sees in the payment form and the chat
checkout-refused-not-found = This invoice is no longer valid. If you have questions about a payment, write to your manager.
checkout-refused-foreign = This invoice is for someone else — it can only be paid from their own chat with the bot.
checkout-refused-paid = This invoice is already paid — there is no need to pay it twice.
checkout-refused-refunded = This invoice was refunded and cannot be paid again. Write to your manager if you would like to order again.
checkout-refused-cancelled = This invoice was cancelled — there is nothing to pay.
checkout-refused-changed = This invoice has changed — ask your manager for the current one.
checkout-refused-in-progress = A payment for this invoice is already going through — no need to pay twice. If no money was taken, try again in a couple of minutes.
payment-received-check = { $name }, we have received { $amount }, thank you! Your manager will check which invoice it is for and write to you.
paid-after-erasure-client = { $name }, this payment came for an invoice that is no longer valid: you erased your data before it arrived. We have told the owner, and the money will be returned the way you paid.
paid-after-erasure-client-stars = { $name }, this payment came for an invoice that is no longer valid: you erased your data before it arrived. The Stars have been returned to your Telegram balance.
paid-after-erasure-client-stars-failed = { $name }, this payment came for an invoice that is no longer valid: you erased your data before it arrived. The Stars could not be returned at once — we have told the owner. Keep the payment's id, a refund needs it: { $charge }
refund-client-stars = Invoice #{ $id }: { $amount } refunded — they are back on your Telegram balance.
refund-client-provider = Invoice #{ $id }: a refund of { $amount } is on its way. The money goes back the way you paid (usually within a few days).

# Payments inside Telegram: what staff see
paid-telegram = ✅ Invoice #{ $id } ({ $amount }) is paid { $via ->
        [stars] in Telegram Stars
       *[other] in Telegram through the payment provider
    }. The client got a confirmation; reminders stopped.
paid-telegram-unexpected = ⚠️ The client paid { $amount } in Telegram for invoice #{ $id }, but that invoice { $status ->
        [paid] was already paid
        [cancelled] was cancelled
        [refunded] was already refunded
        [unpaid] is for another amount
       *[other] was not found
    }. Please check, and refund if needed (Stars: /refund; otherwise in the provider's dashboard). Telegram payment: { $charge }
paid-after-erasure-provider = ⚠️ A payment of { $amount } for invoice #{ $id } arrived after the client had erased their data (/forget): the payment form was open. The order is nobody's, there is no one to deliver it to. Refund the money in the provider's dashboard (provider payment: { $provider }) and record it: /refunded { $id }. Telegram payment: { $charge }
paid-after-erasure-stars = ↩️ A payment of { $amount } for invoice #{ $id } arrived after the client had erased their data (/forget): the payment form was open. The order is nobody's, so the bot gave the Stars back to the payer at once. Telegram payment: { $charge }
paid-after-erasure-stars-failed = ⚠️ A payment of { $amount } for invoice #{ $id } arrived after the client had erased their data (/forget): the payment form was open. The bot tried to give the Stars back at once, but Telegram refused: { $reason }. The bot does not keep who paid, so /refund cannot help here. Telegram payment: { $charge }
# A client typed /refund (an owner's command): the team is asked instead, and this goes first in the answer
refund-client-asked = Refunds are handled by our managers.
# A manager's /refund or /refunded in a client's topic: the owners give money back, so they are asked;
# $how: how the invoice was paid (stars, provider, staff), the command to use then; none for no invoice named
refund-asked-by-staff = ↩️ { $staff } asks for a refund{ $invoice ->
        [none] {""}
       *[other] {" "}of invoice #{ $invoice } ({ $amount })
    } for client { $client }. { $how ->
        [stars] Paid in Stars: give them back with /refund { $invoice } (Telegram returns the Stars).
        [provider] Paid through the payment provider: refund it in the provider's dashboard and record it with /refunded { $invoice }.
        [staff] The payment was confirmed by a manager: give the money back the way the client paid and record it with /refunded { $invoice }.
       *[other] Record it with /refunded and the invoice number (paid in Stars: /refund), here or in the client's topic.
    }
refund-passed-to-owners = Refunds are given by an owner — I passed your request on, with a link to this topic.
refund-usage = Refunds: /refund <invoice number> for payments in Telegram Stars (Telegram gives the Stars back). A payment through the provider is refunded in the provider's dashboard and recorded here: /refunded <invoice number>.
# In a client's topic only that client's invoices are looked at
refund-not-found = Invoice #{ $id } was not found{ $where ->
        [topic] {" "}(in a client's topic: only that client's invoices)
       *[other] {""}
    }.
refund-partial = The bot does not record a partial refund: an invoice here is either paid or refunded in full. All of it given back — /{ $command } { $id }; only a part — leave the invoice paid and write it down as a note in the client's topic (/note).
refund-cancelled = Invoice #{ $id } was cancelled and never paid — there is nothing to refund.
refund-not-stars-manual = Invoice #{ $id } was marked paid in the topic (/paid, or the “✅ Payment received” button): give the money back the way the client paid, then record it: /refunded { $id }.
refund-not-paid = Invoice #{ $id } is not paid — there is nothing to refund.
# When the money went back ($date, as staff read every time) and who gave it back ($by), each where known
refund-already = The payment for invoice #{ $id } was refunded already{ $dated ->
        [yes] : { $date }
       *[no] {""}
    }{ $named ->
        [yes] {" "}— { $by }
       *[no] {""}
    }.
refund-not-stars = Invoice #{ $id } was not paid in Stars: refund it in the payment provider's dashboard (or by transfer), then record it: /refunded { $id }.
refund-client-gone = The client deleted their data — the Stars can no longer be refunded through the bot.
refund-failed = Telegram did not refund the Stars for invoice #{ $id }: { $reason }
refunded-is-stars = Invoice #{ $id } was paid in Stars — refund them with /refund { $id }: Telegram gives them back itself.
refund-done = ↩️ Invoice #{ $id }: a refund of { $amount } recorded{ $told ->
        [no] ; the client erased their data, there is no one to tell
       *[yes] , the client was told
    } ({ $by }).
refund-reported = ↩️ Telegram reports a refund of the payment for invoice #{ $id } ({ $amount }).
cmd-refund = Refund a payment in Stars: /refund <invoice number>
cmd-refunded = Record a refund made through the provider: /refunded <invoice number>
