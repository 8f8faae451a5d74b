import { describe, expect, it } from 'vitest'
import { saysDayOrTime } from '../../conversations/typed-label.ts'
import { isAcknowledgement } from '../../src/bot/handoff/message-entry.ts'
import {
  agreesToErase,
  asksAboutOwnCall,
  asksAnotherTime,
  asksForRefund,
  asksForTheBoss,
  asksToCancelCall,
  asksToErase,
  asksToMoveCall,
  asksToMoveIt,
  claimsPaid,
  declinesErasure,
  givesUp,
  isNoToCancel,
  isPlainNo,
  isPlainStop,
  isPlainYes,
  isSolvedYes,
  isThanksAlone,
  isYesToCancel,
  isYesToConfirm,
  isYesToMove,
  isYesToNews,
  isYesToThisNumber,
  namesAPerson,
  onlyRemarks,
  onlyTells,
  ordinalChoice,
  promisedPayDays,
  promisesToPay,
  promisesToSend,
  saysPaid,
  saysReceived,
  settledBy,
  settlesItself,
  startsWithNo,
  stopsAmong,
} from '../../src/bot/typed-answers.ts'

/** The booking's reader of a day or a time, on the fake clock's Monday. */
const saysWhen = (words: string) => saysDayOrTime(words, '2026-11-23')

describe("a question's yes typed", () => {
  it('each question takes its own words: a hedged "solved", a "send them" to the news, and nowhere else', () => {
    for (const solved of [
      'да вроде все решили спасибо😊',
      'Всё решено, спасибо!',
      'вроде разобрались',
      'all sorted, thanks',
      // "It's fine", as Ireland says it too
      'grand, thanks',
      'perfect',
      'отлично, спасибо',
      // British thanks, with a kiss
      'all good ta x',
      // Ukrainian: "так" is its yes
      'Так, все добре, дякую!',
      'так, вирішено',
      // A leading «ну», "well", "um" changes nothing
      'ну да вроде всё',
      'well yes, all sorted',
    ]) {
      expect(isSolvedYes(solved), solved).toBe(true)
      expect(isPlainYes(solved), solved).toBe(false)
    }
    for (const yes of [
      ...['да присылайте', 'да можно', 'можно', 'давайте', 'sure', 'yeah go on', 'go ahead'],
      ...['yeh sure why not', 'sure, why not?', 'да, почему бы и нет'],
    ]) {
      expect(isYesToNews(yes), yes).toBe(true)
    }
    // Led by a «ну» or an "ok", with a wish that it come seldom after it
    for (const yes of [
      ...['ну можно присылайте только не часто', 'ну можно', 'ну давайте', 'ладно, присылайте', 'ok send them'],
      ...['можно, только не часто', 'да, но пореже', 'sure, just not too often', 'yes but not too many please'],
    ]) {
      expect(isYesToNews(yes), yes).toBe(true)
    }
    // A clear yes only: "ок" may answer the greeting; "it's fine" says nothing of wanting the news
    for (const not of ['можно вопрос', 'ок', 'ok', 'grand', 'отлично', 'ну', 'ладно', 'ну ок', 'только не часто'])
      expect(isYesToNews(not), not).toBe(false)
    for (const not of ['ну можно, а что за новости?', 'не, не надо пока', 'ну можно вопрос', 'send me the price'])
      expect(isYesToNews(not), not).toBe(false)
    expect(isPlainYes('давайте')).toBe(false)
    expect(isSolvedYes('yes send them')).toBe(false)
    // "всё" or "вроде" alone confirm nothing else: not a call cancelled, not news agreed to
    for (const word of ['всё', 'вроде', 'all']) {
      expect(isYesToCancel(word), word).toBe(false)
      expect(isYesToNews(word), word).toBe(false)
      expect(isPlainYes(word), word).toBe(false)
    }
    // "why not" agrees only where it ends a yes: alone it may ask ("Why not?" to "no delivery on Sundays")
    for (const not of ['why not solved yet', 'почему бы и нет?!! опять', 'why not', 'Why not?', 'почему бы и нет']) {
      expect(isSolvedYes(not), not).toBe(false)
      expect(isYesToCancel(not), not).toBe(false)
    }
    expect(isPlainNo('why not')).toBe(false)
    // A name thanked at the end is no more said; a capital alone makes no name of a no or of more words
    expect(isSolvedYes('yes all good, thanks Maria!')).toBe(true)
    expect(isPlainNo('нет, спасибо, Ольга')).toBe(true)
    for (const not of [
      'да, спасибо, Нет',
      'yes thanks Maria, but one more thing',
      'yes Maria',
      // A sentence of its own after the thanks: no name
      'Да, спасибо. Перезвоните',
      'Да, спасибо! Жду',
      'yes thanks. Waiting',
    ]) {
      expect(isSolvedYes(not), not).toBe(false)
    }
    // A no, or more to say, is no yes to "solved"
    for (const not of ['всё плохо', 'вроде нет', 'да вроде, но ещё счёт нужен', 'всё?', 'ну', 'well', 'ну нет']) {
      expect(isSolvedYes(not), not).toBe(false)
    }
  })

  it('a thanks alone is told from a thanks with more said (under "Вопрос решён?" the first is a yes)', () => {
    for (const thanks of [
      'спасибо',
      'Спасибо!',
      'спасибо большое 🙏',
      'Спасибо вам огромное)))',
      'спасибо за помощь',
      'Спасибо, Светлана!',
      'спс',
      'дуже дякую',
      // Kazakh, with the name thanked as in Russian
      'көп рахмет',
      'Рахмет сізге, Айгүл!',
      'Thank you so much!',
      'thanks a lot x',
      'many thanks ❤️',
      'Cheers!',
    ]) {
      expect(isThanksAlone(thanks), thanks).toBe(true)
    }
    for (const more of [
      // A thanking emoji alone: a "please" as often
      '🙏',
      '❤️',
      'спасибо, но макет не открывается',
      'спасибо, жду',
      'спасибо, понятно',
      'спасибо?',
      'спасибо 😡',
      'спасибо, Светлана, а счёт?',
      'рахмет, но ремень не подошёл',
      'thanks Maria, but one more thing',
      'ok thanks',
    ]) {
      expect(isThanksAlone(more), more).toBe(false)
    }
  })
})

describe('a no typed under "Вопрос решён?"', () => {
  it('hedged, said of the question or of how it went too, and not one that goes on to say all is well', () => {
    for (const no of [
      'нет',
      'вроде нет',
      'пока нет, жду счёт',
      'не совсем',
      'не решён',
      'not yet',
      'всё плохо',
      'плохо, макет так и не пришёл',
      'ничего не решили',
      'не помогло',
      "didn't help",
      'nothing worked',
    ]) {
      expect(startsWithNo(no), no).toBe(true)
    }
    for (const not of ['нет вопросов', 'вроде да', 'не за что', 'неплохо', 'не плохо, решили', 'ничего не нужно']) {
      expect(startsWithNo(not), not).toBe(false)
    }
    // A «не» set apart is a no of its own ("nah"); one that begins what it refuses is not
    for (const no of ['не, ещё вопрос по логотипу — скок он стоит?', 'Не, не решён', 'не!', 'не-а', 'не - ещё нет']) {
      expect(startsWithNo(no), no).toBe(true)
    }
    for (const not of ['не знаю', 'не уверена', 'не сейчас', 'не... знаю', 'не, всё решилось']) {
      expect(startsWithNo(not), not).toBe(false)
    }
    expect(isPlainNo('не, спасибо')).toBe(true)
    expect(isPlainNo('не сейчас')).toBe(false)
    // A Kazakh no led so too, as a Russian one («ну нет»)
    expect(isPlainNo('ну жоқ')).toBe(true)
    expect(isPlainNo('да жок, рахмет')).toBe(true)
  })
})

describe('a person asked for by name', () => {
  it('a manager, an operator or a live person — not one refused, in either language', () => {
    for (const asked of [
      'позовите менеджера не могу выбрать 😩',
      'менеджера!',
      'нужен консультант',
      'позовите менеджера',
      'можно с человеком поговорить?',
      'нет, позовите менеджера',
      'I want a real person',
    ]) {
      expect(namesAPerson(asked), asked).toBe(true)
    }
    // Nor one spoken of
    for (const spoken of ['менеджер мне уже звонил кстати', 'передайте спасибо менеджеру Марии 👍']) {
      expect(namesAPerson(spoken), spoken).toBe(false)
    }
    for (const refused of [
      'не надо менеджера',
      'никаких менеджеров',
      "I don't want a manager",
      'no manager please',
      'менеджера нет на месте',
    ]) {
      expect(namesAPerson(refused), refused).toBe(false)
    }
  })

  it('someone in charge called for — not one’s own boss, nor one only spoken of', () => {
    for (const asked of [
      'позовите руководителя',
      'руководителя!',
      'дайте директора',
      'хочу поговорить с владельцем',
      'I want to speak to your supervisor',
      'Can I talk to the manager in charge?',
    ]) {
      expect(asksForTheBoss(asked), asked).toBe(true)
      expect(namesAPerson(asked), asked).toBe(true)
    }
    for (const own of [
      'я владелец салона, хочу сайт',
      'Я директор школы, хотим заказать сайт',
      'I am the owner of a cafe and I want a website',
      'I need to ask my boss first',
      'нужно согласовать с начальством',
      'мне нужно спросить у директора',
      'не надо руководителя',
    ]) {
      expect(asksForTheBoss(own), own).toBe(false)
    }
  })
})

describe('a booking given up in words', () => {
  it('a word or phrase of giving up, with a few words around it; not asked, refused or said of something else', () => {
    for (const typed of [
      'cancel',
      'Stop',
      'never mind, dont book',
      "never mind, don't book",
      'nevermind',
      'forget it',
      'I changed my mind',
      'oh sorry, cancel please',
      "✖ Don't book",
      'отмена',
      'не надо',
      'нет, уже не надо',
      'передумала',
      'ой, я передумал',
      'Не записываться',
      'не записывайте',
    ]) {
      expect(givesUp(typed), typed).toBe(true)
    }
    for (const typed of [
      'cancel?',
      "don't cancel",
      'stop messaging me',
      'cancel my order',
      'no',
      'no comment',
      'nothing',
      'не отменяйте',
      'не надо звонить утром',
      'can we do tomorrow at 3 instead?',
      'stop by the office',
    ]) {
      expect(givesUp(typed), typed).toBe(false)
    }
  })
})

describe('a place in a list said in a word', () => {
  it('its index, with the words people wrap it in; nothing past the list or with more said', () => {
    expect(ordinalChoice('второй', 2)).toBe(1)
    expect(ordinalChoice('на первый, пожалуйста', 2)).toBe(0)
    expect(ordinalChoice('the second one', 3)).toBe(1)
    expect(ordinalChoice('последний', 3)).toBe(2)
    expect(ordinalChoice('второй вариант', 3)).toBe(1)
    expect(ordinalChoice('последний', 0)).toBeUndefined()
    for (const text of ['третий', 'второй или первый', 'второй не работает', 'второй?']) {
      expect(ordinalChoice(text, 2), text).toBeUndefined()
    }
  })
})

describe('a yes to "Позвонить на +7 916 …?"', () => {
  it('as it is said to that question, and nothing else', () => {
    for (const yes of ['да', 'да, на этот', 'на него', 'этот', 'yes, that one', 'same number']) {
      expect(isYesToThisNumber(yes), yes).toBe(true)
    }
    for (const not of ['на', 'нет, на другой', 'этот не работает', 'номер?']) {
      expect(isYesToThisNumber(not), not).toBe(false)
    }
  })
})

describe('a yes to a booking\u2019s "Всё верно?"', () => {
  it('as it is said to it, and nothing that says more', () => {
    for (const yes of [
      'да',
      'ок',
      'подтверждаю',
      'ок, подтвердить',
      'yes, book it',
      'confirm',
      'yes grand',
      'perfect',
      // As it is said to a "does everything look right?" (passed on as a thanks, nothing booked)
      'thats fine',
      "that's fine",
      'yep thats fine',
      'looks good x',
      'sounds good to me',
      'всё верно',
      'да, всё так',
      'подходит',
    ]) {
      expect(isYesToConfirm(yes), yes).toBe(true)
    }
    for (const not of [
      'ок, но лучше в 12',
      'подтверждаю?',
      'ок жду',
      "that's not right",
      'thats the wrong day',
      'всё не так',
      'не подходит',
      // The first words of "that's fine" alone say nothing
      'that',
      'all in',
      'its you',
      'looks',
    ]) {
      expect(isYesToConfirm(not), not).toBe(false)
    }
  })

  it('a yes to "Move the call?" in its button\'s words: "move it", "yes move it", "да, переносите"', () => {
    for (const yes of [
      'yes move it',
      'move it',
      'move it please',
      'go ahead',
      'да, переносите',
      'переносите',
      'перенесите звонок',
      'да',
    ]) {
      expect(isYesToMove(yes), yes).toBe(true)
    }
    for (const not of ['move it to friday', 'не переносите', 'move it?', 'да, но лучше в 12']) {
      expect(isYesToMove(not), not).toBe(false)
    }
  })
})

describe('a payment promised', () => {
  it('says it will pay and asks nothing', () => {
    for (const yes of [
      'ой забыла совсем, сейчас оплачу',
      'Добрый день, счёт 7 получил, оплачу завтра',
      'переведём в понедельник',
      "I'll pay it tomorrow",
      'paying now, thanks',
    ]) {
      expect(promisesToPay(yes), yes).toBe(true)
    }
    for (const no of [
      'оплачу завтра, но можно со скидкой?',
      'не могу оплатить',
      'как оплатить картой',
      'оплачу, когда будет готово',
      'can I pay by card',
      'I paid yesterday',
      'оплатил',
      'сколько стоит доставка, оплачу сразу',
      // A problem, a request or a refusal said with it is the team's to read
      'tried to pay, card declined',
      'the pay link is broken',
      "I didn't pay yet, send the link",
      "I don't want to pay before it's done",
      'оплачиваю картой, выдает ошибку',
      'пришлите реквизиты, переведу',
      'send me the bank details and I will pay today',
      'pay attention to the header please',
      'I will pay only after you fix the bugs',
      'this is a scam, I will pay nothing more',
      'мошенники, переведу жалобу в банк',
      // A word the promise has no place for, a name too: read by the team, as before
      'Ольга добрый, счет 7 получил, оплачу завтра',
    ]) {
      expect(promisesToPay(no), no).toBe(false)
    }
    // When the money comes, said with it
    for (const yes of ['Спасибо! Оплачу завтра после зарплаты', "I'll pay it after payday"]) {
      expect(promisesToPay(yes), yes).toBe(true)
    }
    // As typed from a phone: an «я», a part of the day, the balance, a «не могу» putting it off
    for (const yes of [
      'я оплачу завтра',
      'я завтра переведу',
      'оплачу завтра после обеда',
      'остаток оплачу в пятницу',
      'остаток оплачу после нового года',
      'ой а я сейчас не могу оплачу завтра после обеда',
      'после НГ оплачу',
      "well I'll pay the rest on Friday",
      "um can't right now, I'll pay tomorrow after lunch",
      "I'll pay after the New Year's",
      "great, I'll pay on friday then",
      "I'll pay at the weekend",
      "I'll pay when the money comes in",
    ]) {
      expect(promisesToPay(yes), yes).toBe(true)
    }
    // Asking leave to wait, or refusing: the team's to answer
    for (const no of [
      'а можно оплатить завтра?',
      'а можно оплатить завтра',
      'можно я завтра оплачу',
      'я не оплачу',
      'не могу оплатить',
      "I can't pay",
      'I cannot pay tomorrow',
      'can I pay after the new year',
      'оплачу в следующем году',
    ]) {
      expect(promisesToPay(no), no).toBe(false)
    }
  })

  it('with when the money comes said as people say it: «как зарплата придёт», «как аванс получу», "as soon as the salary comes in"', () => {
    for (const yes of [
      'Спасибо! Оплачу в среду, как зарплата придёт',
      'оплачу в среду как деньги придут',
      'оплачу в среду, как получу зарплату',
      'оплачу как аванс получу',
      'оплачу, когда зарплата придёт',
      'оплачу как только придёт зарплата',
      'переведу как получу зп',
      'оплачу с зарплаты',
      'после аванса оплачу',
      'как придут деньги, оплачу',
      'I will pay when I get paid',
      "I'll pay after payday",
      "I'll pay as soon as the salary comes in",
      "I'll pay once I get paid",
      "I'll pay when my salary comes in",
    ]) {
      expect(promisesToPay(yes), yes).toBe(true)
    }
    for (const no of [
      // Leave asked, a question without its mark, a condition on the work: the team's
      'а можно оплатить в среду?',
      'а можно оплатить в среду, как зарплата придёт',
      'а как я оплачу',
      'оплачу, как будет готово',
      'оплачу как сделаете',
      'оплачу, когда получу сайт',
      'оплачу, когда деньги вернёте',
      'оплачу как зарплата',
      'как оплачу напишу',
      "I'll pay when you send the files",
    ]) {
      expect(promisesToPay(no), no).toBe(false)
    }
  })

  it('money still to come names no day: a week; a day named with it counts', () => {
    // Monday 23 November 2026
    const today = '2026-11-23'
    expect(promisedPayDays('Спасибо! Оплачу в среду, как зарплата придёт', today)).toBe(2)
    expect(promisedPayDays('оплачу в пятницу, как получу зарплату', today)).toBe(4)
    expect(promisedPayDays('оплачу как аванс получу', today)).toBe(7)
    expect(promisedPayDays("I'll pay as soon as the salary comes in", today)).toBe(7)
    expect(promisedPayDays("I'll pay when the money comes in", today)).toBe(7)
  })

  it('names the day it gives itself: a part of today, tomorrow, a weekday, the coming 1 January', () => {
    // Tuesday 15 December 2026
    const today = '2026-12-15'
    expect(promisedPayDays('оплачу после обеда', today)).toBe(0)
    expect(promisedPayDays('оплачу завтра после обеда', today)).toBe(1)
    expect(promisedPayDays('остаток оплачу в пятницу', today)).toBe(3)
    expect(promisedPayDays('остаток оплачу после нового года', today)).toBe(17)
    expect(promisedPayDays("I'll pay after the new year", today)).toBe(17)
    // In January the new year has come: it names no day (the default's)
    expect(promisedPayDays('оплачу после нового года', '2027-01-05')).toBeUndefined()
  })
})

describe('news that owes no answer', () => {
  it('something the client will send, and nothing else: «тексты пришлю вечером», "I\'ll send the texts tonight"', () => {
    for (const yes of [
      'Тексты пришлю вечером',
      'скину завтра',
      'фото отправлю в понедельник',
      'остальное дошлю после обеда',
      'хорошо, пришлю договор завтра',
      'напишу вечером',
      "I'll send the texts tonight",
      'I will send the photos tomorrow',
      "we'll send everything on Monday",
      "I'm sending the logo now",
      'will email them tomorrow',
    ]) {
      expect(promisesToSend(yes), yes).toBe(true)
    }
    for (const no of [
      // Asked of the team, refused, put on a condition, or with anything more
      'пришлите тексты вечером',
      'скиньте завтра',
      'не пришлю',
      'пришлю, если успею',
      'скину как будет время',
      'пришлю вечером?',
      'тексты пришлю вечером, посмотрите сразу',
      'send me the brief tonight',
      'please send the files',
      'send it tomorrow',
      "you'll send the brief tonight",
      'can you send the texts tonight',
      "I'll send it back",
    ]) {
      expect(promisesToSend(no), no).toBe(false)
    }
  })

  it('a payment said done and nothing asked of it: «Оплатила!», not «оплатила, проверьте»', () => {
    for (const yes of ['Оплатила!', 'оплатил, спасибо', "I've paid, thanks"]) {
      expect(saysPaid(yes), yes).toBe(true)
    }
    for (const no of ['оплатила, проверьте', 'оплатил, вы получили?', 'paid, please check', 'оплачу завтра']) {
      expect(saysPaid(no), no).toBe(false)
    }
  })

  it('only news and thanks, each part of it: one with anything more, or a "?", waits for the team', () => {
    const known = { acknowledges: (part: string) => /^(?:спасибо|👍|🙏)$/u.test(part), paidKnown: () => true }
    const unknown = { ...known, paidKnown: () => false }
    for (const yes of [
      'Оплатила! Тексты пришлю вечером',
      'Оплатила, а тексты пришлю вечером',
      'скину завтра, спасибо',
      "I'll send the texts tonight 🙏",
      'Оплатила 👍',
    ]) {
      expect(onlyTells(yes, known), yes).toBe(true)
    }
    for (const no of [
      'Оплатила! Тексты пришлю вечером. А когда будет готово?',
      'Оплатила! Тексты пришлю вечером, посмотрите пожалуйста договор',
      'Тексты пришлю вечером, но вы опять сорвали сроки',
      'скину завтра 😡',
      'скину завтра ❓',
      // Thanks alone are no news: they are a thanks's to read
      'спасибо',
    ]) {
      expect(onlyTells(no, known), no).toBe(false)
    }
    // A payment the bot has not confirmed is the team's to check
    expect(onlyTells('Оплатила! Тексты пришлю вечером', unknown)).toBe(false)
    expect(onlyTells('Оплатила!', unknown)).toBe(false)
    expect(onlyTells('Тексты пришлю вечером', unknown)).toBe(true)
    // A receipt to send is something sent too
    expect(onlyTells('Оплатила! пришлю чек вечером', known)).toBe(true)
    // Something received is news as well
    expect(onlyTells('Получила посылку, спасибо 🙏', unknown)).toBe(true)
  })

  it('something received, and nothing else: «получила посылку», not «не получила» or «получила, но…»', () => {
    for (const yes of [
      'Получила посылку',
      'посылка пришла, спасибо',
      'Всё дошло, спасибо!',
      'заказ забрала',
      'got the parcel, thanks',
      'the package arrived today',
    ]) {
      expect(saysReceived(yes), yes).toBe(true)
    }
    for (const no of [
      'не получила посылку',
      'получила посылку, но коробка мятая',
      'пришла не та посылка',
      'получила?',
      'когда придёт посылка',
    ]) {
      expect(saysReceived(no), no).toBe(false)
    }
  })

  it('a goodbye is a thanks: «Ок, до встречи», "see you tomorrow"', () => {
    for (const yes of ['Ок, до встречи', 'до встречи!', 'see you tomorrow', 'ok see you then 👍']) {
      expect(isAcknowledgement({ text: yes }), yes).toBe(true)
    }
    expect(isAcknowledgement({ text: 'до встречи в 15?' })).toBe(false)
  })
})

describe('a wait the client settles', () => {
  const acknowledges = (part: string) => isAcknowledgement({ text: part })

  it('in words: «разобралась», «сама нашла», «уже не нужно», "never mind, found it" — not «не разобралась» or more asked', () => {
    for (const yes of [
      'разобрался',
      'Разобралась, спасибо!',
      'всё, разобралась 🙏',
      'сама разобралась',
      'сам нашёл',
      'ой, всё, нашла',
      'уже не нужно',
      'уже не надо, спасибо',
      'вопрос снят',
      'неактуально',
      'Забейте, уже разобралась',
      'never mind, found it',
      'figured it out, thanks',
      'sorted it myself',
      'I found it',
    ]) {
      expect(settlesItself(yes, { acknowledges }), yes).toBe(true)
    }
    for (const no of [
      'не разобралась',
      'я так и не нашла',
      'разобрался?',
      'разобралась, но как оплатить',
      'разобралась, а доставка когда?',
      'нашла ошибку на сайте',
      'уже не нужно звонить',
      'спасибо',
    ]) {
      expect(settlesItself(no, { acknowledges }), no).toBe(false)
    }
  })

  it('by a doing: a question about a call is answered by a call booked, one about the zone by the zone set — nothing else is', () => {
    expect(settledBy('а время звонка по Москве?')).toEqual(['call', 'zone'])
    expect(settledBy('по какому времени звонок?')).toEqual(['call', 'zone'])
    expect(settledBy('когда позвоните?')).toEqual(['call'])
    expect(settledBy('Здравствуйте! Во сколько будет звонок?')).toEqual(['call'])
    expect(settledBy('перезвоните мне, +7 916 111-22-33')).toEqual(['call'])
    expect(settledBy('What time will you call?')).toEqual(['call'])
    // A call asked for on a clock: only a call answers it
    expect(settledBy('можно созвониться завтра в 15 по Москве?')).toEqual(['call'])
    expect(settledBy('какой у вас часовой пояс?')).toEqual(['zone'])
    expect(settledBy('время по Москве?')).toEqual(['zone'])
    expect(settledBy('is that Moscow time?')).toEqual(['zone'])
    for (const none of [
      'а время звонка по Москве и сколько стоит сайт?',
      'сколько стоит сайт?',
      '+7 916 123-45-67',
      'Новосибирск',
      'вы мне так и не позвонили, это обман',
    ]) {
      expect(settledBy(none), none).toEqual([])
    }
  })
})

describe('the call asked in words to be cancelled or moved', () => {
  it('a request to do it with the call right beside it; not refused, not asked why, not another thing moved', () => {
    for (const yes of [
      'отмените звонок пожалуйста, не получится',
      'please cancel my call',
      'можно отменить созвон?',
      'отменяю звонок, извините',
      // The refusal is of the call, in a clause of its own
      'не смогу созвониться, отмените',
      "sorry I can't make it, please cancel the call",
    ]) {
      expect(asksToCancelCall(yes), yes).toBe(true)
    }
    for (const no of [
      'не отменяйте звонок',
      "don't cancel the call",
      "I don't want to cancel the call, I'll just be 5 min late",
      'Why did you cancel my call? Nobody rang me',
      'почему отменили звонок?',
      'If I cancel the call, can I book another one?',
      'а если я отменю звонок, деньги вернут?',
      'я не отменяю звонок, просто опоздаю',
      'отмените заказ',
      'cancel my order',
    ]) {
      expect(asksToCancelCall(no), no).toBe(false)
    }
    for (const yes of [
      'а можно перенести звонок на пятницу?',
      'звонок можно перенести?',
      'Перенесите, пожалуйста, завтрашний звонок',
      'move my call',
      'can we reschedule the call to friday',
      // Asked whether it can be: a wish to move it
      'нельзя перенести звонок?',
    ]) {
      expect(asksToMoveCall(yes), yes).toBe(true)
    }
    for (const no of [
      "I'm moving house tomorrow",
      'I need to move house, call me later this week',
      'Перенесите оплату по счёту на пятницу',
      'перенесите на завтра, пожалуйста',
      'move on to the design',
    ]) {
      expect(asksToMoveCall(no), no).toBe(false)
    }
    // The call unnamed, where the bot just spoke of it: the verb, and a when or nothing after it
    for (const yes of [
      'можно перенести на завтра в 5',
      'можно перенести?',
      'перенесите на завтра, пожалуйста',
      'давайте перенесём на вторник в 5',
      'перенесите его на пятницу',
      'can we move it to friday?',
    ]) {
      expect(asksToMoveIt(yes, saysWhen), yes).toBe(true)
    }
    for (const no of [
      'Перенесите оплату по счёту на пятницу',
      'перенести заказ на неделю',
      'не могу перенести',
      'почему перенесли?',
      'move on to the design',
      'если перенести на завтра, то сколько?',
      'перенесите на главную блок с отзывами',
      'перенесите в корзину старые фото',
    ]) {
      expect(asksToMoveIt(no, saysWhen), no).toBe(false)
    }
    // Another day or time with no verb, and by how much later (below 0: sooner) when said
    for (const [typed, said] of [
      ['на следующую неделю', {}],
      ['давайте на другой день', {}],
      ['а можно в другое время?', {}],
      ['can we do next week instead?', {}],
      ['перенесите на следующей неделе', {}],
      ['а можно на следующей неделе?', {}],
      ['maybe some other day', {}],
      ['можно попозже?', {}],
      ['на час позже', { minutes: 60 }],
      ['можно на полчаса пораньше?', { minutes: -30 }],
      ['на 30 минут позже', { minutes: 30 }],
      ['давайте на пару часов попозже', { minutes: 120 }],
      ['можно перенести звонок на полтора часа раньше?', { minutes: -90 }],
      ['на сорок пять минут позже', { minutes: 45 }],
      ['позже на час', { minutes: 60 }],
      ['an hour later', { minutes: 60 }],
      ['half an hour earlier please', { minutes: -30 }],
      ['could we push it an hour and a half later?', { minutes: 90 }],
      ['two hours later', { minutes: 120 }],
    ] as const) {
      expect(asksAnotherTime(typed), typed).toEqual(said)
    }
    for (const no of [
      'на следующей неделе буду в отпуске',
      'не на следующей неделе',
      'звонок на час позже?',
      'давайте на час',
      'попозже',
      'отвечу позже',
      'у меня другой день рождения',
      "I'm away next week",
      'the other day',
      'в 5 часов позже',
      // The call as it stands, said back or asked about
      'а звонок на следующей неделе?',
      'ладно, созвонимся на следующей неделе',
      'так это на следующей неделе',
      'ok so the call is next week',
      'what, next week?',
    ]) {
      expect(asksAnotherTime(no), no).toBeUndefined()
    }
  })

  it('a no to "Cancel the call?" in its own words: the keeping said, or the cancelling refused', () => {
    for (const no of [
      'не не оставьте',
      'не, оставьте',
      'оставьте',
      'нет, оставьте пожалуйста',
      'оставьте как есть',
      'не надо отменять',
      'нет, не отменяйте звонок',
      'keep it',
      "no, don't cancel",
    ]) {
      expect(isNoToCancel(no), no).toBe(true)
    }
    for (const not of [
      'не оставляйте',
      'нет, не оставляйте',
      "don't keep it",
      'отмените',
      'оставьте?',
      'не надо',
      'надо отменять',
    ]) {
      expect(isNoToCancel(not), not).toBe(false)
    }
  })

  it("a no to /forget's question in its own words: a no, the keeping, a mind changed, the erasing refused", () => {
    for (const no of [
      'no',
      'wait no',
      'no keep it',
      'No, keep it',
      'nah, keep my data',
      'never mind',
      "I've changed my mind",
      "don't delete it",
      'нет',
      'не, не надо',
      'нет, оставьте',
      'Нет, оставить',
      'передумал',
      'ой, передумала, оставьте',
      'не удаляйте',
      'не не оставьте',
    ]) {
      expect(declinesErasure(no), no).toBe(true)
    }
    for (const not of [
      'да',
      'yes delete it',
      'no wait, delete it',
      'нет, удаляйте',
      'не оставляйте',
      "don't keep it",
      'нет?',
      'no, but what about my order',
      'стоп',
    ]) {
      expect(declinesErasure(not), not).toBe(false)
    }
  })
})

describe('a payment claimed in words', () => {
  it("is a bare claim only: anything more it asks or says is the team's to read", () => {
    for (const claim of [
      'я оплатил',
      'Я оплатил вчера переводом, проверьте',
      "I've paid",
      'paid it',
      'перевела 1250,50 по реквизитам',
      'перевела 1250,50 по счёту №2',
      'я оплатил, вы получили?',
      'Оплатила по реквизитам, спасибо',
      'paid it, please check',
    ]) {
      expect(claimsPaid(claim), claim).toBe(true)
    }
    for (const more of [
      'меня перевели на другую смену, можно перенести?',
      'мне нужно, чтобы вы перевели документ',
      'Вы перевели меня к другому мастеру',
      'Transferred the booking to my wife',
      'Вы мне деньги перевели?',
      'Have you paid the supplier yet?',
      'Who paid for this?',
      'is my invoice paid?',
      'Has invoice 3 been paid?',
      'Оплатил, хочу отменить запись',
      "I've paid, now please cancel my booking",
      'paid, where is my order?',
      'Оплатила. Адрес какой?',
      'оплатил, можно счёт на юрлицо?',
      'I paid the wrong amount',
      'paid the wrong invoice',
      'заплатил больше чем надо',
      'Оплатила частично, остальное завтра',
      'оплатил половину',
      'paid and the service was terrible',
      'я оплатил, а заказ отменили. Что с деньгами?',
      'Оплатила, позовите руководителя',
      'Я оплатил, позовите менеджера',
      'ещё не оплатил',
      "haven't paid yet",
      'оплачу завтра',
      'оплатил счет #2 и #3',
    ]) {
      expect(claimsPaid(more), more).toBe(false)
    }
  })
})

describe('the erasure agreed to in words', () => {
  it('a yes or an ok with a verb of erasing and nothing else; not words that erase something else or merely contain "удал"', () => {
    for (const yes of [
      'ладно удаляйте',
      'Да, удалите',
      'удаляйте',
      'ну ладно, тогда удаляйте',
      'ok delete',
      'yes, erase',
    ]) {
      expect(agreesToErase(yes), yes).toBe(true)
    }
    for (const other of [
      'Фото с главной удалите',
      'не удалось оплатить счёт',
      'работаю удалённо',
      'не удаляйте',
      'удалите всё',
      'удалите?',
      'delete the photo',
    ]) {
      expect(agreesToErase(other), other).toBe(false)
    }
  })
})

describe('the erasure asked for in words', () => {
  it('of the client themself, wholly, and in its own clause beside a stop; not a list, a chat or a refusal', () => {
    for (const asked of [
      'удалите меня отовсюду',
      'Удалите меня',
      'сотрите меня пожалуйста',
      'delete me',
      'remove me from everything',
      'удалите мои данные',
      'ВЫ МНЕ БОЛЬШЕ НЕ ПИШИТЕ И УДАЛИТЕ МЕНЯ ОТОВСЮДУ',
      'не пишите мне больше, удалите меня',
      'как удалить свои данные?',
    ]) {
      expect(asksToErase(asked), asked).toBe(true)
    }
    for (const other of [
      'удалите меня из рассылки',
      'удалите меня из чата',
      'remove me from the group',
      'не удаляйте мои данные',
      'не пишите и не удаляйте меня',
      'delete me?',
      'Вы удалите мои данные после заказа?',
    ]) {
      expect(asksToErase(other), other).toBe(false)
    }
    // A stop said beside it, as a clause of its own; the whole a stop only when it names nothing else
    expect(stopsAmong('ВЫ МНЕ БОЛЬШЕ НЕ ПИШИТЕ И УДАЛИТЕ МЕНЯ ОТОВСЮДУ')).toBe(true)
    expect(stopsAmong('удалите меня отовсюду')).toBe(false)
    expect(isPlainStop('не пишите мне больше, удалите меня')).toBe(false)
    for (const stop of ['вы мне больше не пишите', 'удалите меня из рассылки', 'не пишите больше, уберите меня'])
      expect(isPlainStop(stop), stop).toBe(true)
  })
})

describe('the money asked back', () => {
  it('politely is a refund asked for; demanded, refused or only spoken of, not', () => {
    for (const asked of [
      'hmm actually my partner says we cant afford it right now. can I get my money back?',
      'could we get a refund please',
      "I'd like a refund",
      'I would like to get my deposit back',
      'is it possible to return the payment?',
      'можно вернуть деньги?',
      'хочу вернуть оплату',
      'Подскажите, можно вернуть предоплату?',
      'верните, пожалуйста, деньги',
      'не могли бы вы вернуть деньги',
      'как оформить возврат?',
    ]) {
      expect(asksForRefund(asked), asked).toBe(true)
    }
    for (const not of [
      'I want my money back',
      'верните деньги',
      'I do not want a refund, I want it fixed',
      'не нужен возврат, просто переделайте',
      'можно вернуть товар?',
      'can I return to this later?',
      'сколько стоит лендинг?',
      // Asked about a refund, not for one
      'Какие у вас условия возврата?',
      'а возврат предоплаты возможен, если я передумаю?',
      'Возврат уже пришёл?',
      'Do you offer refunds?',
      'Did the refund go through?',
      'refund?',
    ]) {
      expect(asksForRefund(not), not).toBe(false)
    }
  })
})

describe('the words after a score', () => {
  it('a remark on the pace, when it was, or on the price that asks nothing; not a request, a price named or something else gone wrong', () => {
    for (const remark of [
      'долго ждали утром',
      'сначала долго ждали',
      'дороговато',
      'немного дорого',
      'дороговато для нас',
      'хоть и недёшево',
      'но дороговато',
      'a bit pricey',
      'slow in the morning',
      // Who was slow to answer, after praise of her
      'мария хорошая только долго отвечала',
      'slow to respond',
      // A request's word named after praise is the thing praised, and a Cyrillic "ок" a mark
      'really quick fix',
      'quick fix, thanks',
      'быстро починили',
      'всё ок, но долго',
    ]) {
      expect(onlyRemarks(remark), remark).toBe(true)
    }
    for (const words of [
      'дорого, верните часть',
      'дороговато, можно скидку',
      'цена кусается',
      'дорогая доставка',
      'но курьер опоздал',
      'pricey, can you do a discount',
      'but can you also fix my brakes?',
      'quick fix, now fix my brakes',
      'thanks, fix the brakes too',
    ]) {
      expect(onlyRemarks(words), words).toBe(false)
    }
  })
})

describe('the client asking about their own call', () => {
  it('when it is, whether it took place, or their calls named; alone or with more', () => {
    for (const [text, past, only] of [
      ['доброе утро я что то забыла вы мне когда звоните сегодня или в четверг', false, true],
      ['когда мой звонок?', false, true],
      ['Когда будет звонок', false, true],
      ['во сколько вы позвоните?', false, true],
      ['на какое время мой звонок?', false, true],
      ['Напомните, пожалуйста, когда вы будете звонить', false, true],
      ['мои звонки', false, true],
      ['мой звонок', false, true],
      ["when's my call?", false, true],
      ['what time are you calling me?', false, true],
      ['my calls', false, true],
      ['ВЫ МНЕ ЗВОНИЛИ ИЛИ НЕТ', true, true],
      ['вы мне звонили?', true, true],
      ['звонили ли вы мне сегодня', true, true],
      ['did you call me?', true, true],
      ['Здравствуйте! Когда мой звонок? Спасибо', false, true],
      ['когда мой звонок? и сколько стоит доставка', false, false],
      ['когда вы позвоните по поводу сайта, хочу уточнить цену', false, false],
    ] as const) {
      expect(asksAboutOwnCall(text), text).toEqual({ past, only })
    }
  })

  it('is none for a call of their own making, a call asked for, a why, or a call only told of', () => {
    for (const text of [
      'когда можно позвонить?',
      'когда вам удобно позвонить',
      'when can I call you?',
      'Позвоните мне, когда сможете',
      'перезвоните когда освободитесь',
      'почему вы мне не позвонили?',
      'вы мне звонили, я не успела ответить',
      'отмените мой звонок',
      'мой звонок надо перенести на пятницу',
      'нужен звонок',
      'когда будет готов сайт?',
    ]) {
      expect(asksAboutOwnCall(text), text).toBeUndefined()
    }
  })
})
