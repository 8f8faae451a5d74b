import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/logger.ts'
import { writePhonesAsIn } from '../../src/phone.ts'
import { createClientSearch, type FindQuery, parseFindQuery } from '../../src/services/desk/client-search.ts'
import { createTestDb } from '../helpers/db.ts'

describe('reading what follows /find', () => {
  it('tells a username, a phone, an e-mail, a client number and words apart', () => {
    const cases: [string, FindQuery][] = [
      ['@Anna_P', { kind: 'username', text: '@anna_p' }],
      ['+7 (999) 123-45-67', { kind: 'phone', digits: '9991234567', text: '+7 (999) 123-45-67' }],
      ['89991234567', { kind: 'phone', digits: '9991234567', text: '89991234567' }],
      ['45-67', { kind: 'phone', digits: '4567', text: '45-67' }],
      ['Anna@Mail.ru', { kind: 'email', text: 'anna@mail.ru' }],
      ['#12', { kind: 'id', id: 12 }],
      ['  интернет   магазин ', { kind: 'text', text: 'интернет магазин' }],
      ['Ян', { kind: 'too-short' }],
      ['12', { kind: 'too-short' }],
    ]
    for (const [input, query] of cases) expect(parseFindQuery(input), input).toEqual(query)
  })

  it('reads a phone as a client’s is stored now and as it was: a Dublin business’s "087 123 4567" is +353 87 123 4567', () => {
    try {
      writePhonesAsIn('Europe/Dublin')
      // Both ways: as stored now, and as typed (a number stored before it was given its code)
      expect(parseFindQuery('087 123 4567')).toEqual({
        kind: 'phone',
        digits: '0871234567',
        international: '3871234567',
        text: '087 123 4567',
      })
      expect(parseFindQuery('+353 87 123 4567')).toEqual({
        kind: 'phone',
        digits: '3871234567',
        text: '+353 87 123 4567',
      })
    } finally {
      writePhonesAsIn('Europe/Moscow')
    }
  })
})

describe('finding clients', () => {
  function setUp() {
    const handle = createTestDb()
    const insert = handle.sqlite.prepare(
      `insert into clients (telegram_id, first_name, last_name, display_name, username, phone, email, topic_id, created_at, last_seen_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    )
    const say = handle.sqlite.prepare(
      "insert into messages (client_id, direction, type, text, created_at) values (?, ?, 'text', ?, 0)",
    )
    insert.run(11, 'Анна', 'Петрова', 'Анна Петровна', 'anna_p', '+7 (999) 123-45-67', null, 101, 5)
    insert.run(12, 'Борис', null, null, 'boris', '8 912 000 11 22', 'boris@studio.ru', 102, 6)
    insert.run(13, 'Вера', 'Анненкова', null, null, null, null, null, 7)
    say.run(1, 'in', 'Хочу ИНТЕРНЕТ-магазин к весне')
    say.run(2, 'out', 'Пришлю вам смету на интернет-магазин')
    say.run(2, 'note', 'обещал перезвонить в пятницу')
    say.run(3, 'bot', 'Бот говорит про интернет-магазин')
    return {
      ...handle,
      search: createClientSearch({ db: handle.db, logger: createLogger({ level: 'silent' }) }),
    }
  }
  const ids = (hits: { client: { id: number } }[]) => hits.map((h) => h.client.id)

  it('a Dublin number as dialled there finds it stored with its country code and as typed before', () => {
    const { search, sqlite } = setUp()
    const insert = sqlite.prepare(
      'insert into clients (telegram_id, first_name, phone, created_at, last_seen_at) values (?, ?, ?, 0, ?)',
    )
    insert.run(14, 'Aoife', '+353871234567', 8)
    insert.run(15, 'Siobhan', '087 123 4567', 9)
    try {
      writePhonesAsIn('Europe/Dublin')
      expect(ids(search.find(parseFindQuery('087 123 4567')))).toEqual([5, 4])
    } finally {
      writePhonesAsIn('Europe/Moscow')
    }
  })

  it('by name in any case and alphabet, most recently active first', () => {
    const { search } = setUp()
    const hits = search.find(parseFindQuery('анн'))
    expect(ids(hits)).toEqual([3, 1])
    expect(hits.map((h) => h.matched)).toEqual(['name', 'name'])
    expect(hits[1]?.client).toMatchObject({ firstName: 'Анна', topicId: 101 })
  })

  it('by @username, by phone however it is written, by e-mail, by number', () => {
    const { search } = setUp()
    expect(ids(search.find(parseFindQuery('@anna')))).toEqual([1])
    expect(ids(search.find(parseFindQuery('8 (999) 123 45 67')))).toEqual([1])
    expect(ids(search.find(parseFindQuery('+79120001122')))).toEqual([2])
    expect(ids(search.find(parseFindQuery('1122')))).toEqual([2])
    expect(ids(search.find(parseFindQuery('BORIS@studio.ru')))).toEqual([2])
    expect(ids(search.find(parseFindQuery('#3')))).toEqual([3])
    expect(search.find(parseFindQuery('#99'))).toEqual([])
  })

  it("by the transcript: the client's words, staff's words and notes, not the bot's", () => {
    const { search } = setUp()
    const hits = search.find(parseFindQuery('интернет-магазин'))
    expect(ids(hits)).toEqual([2, 1])
    expect(hits[0]).toMatchObject({ matched: 'transcript', excerpt: 'Пришлю вам смету на интернет-магазин' })
    expect(ids(search.find(parseFindQuery('перезвонить')))).toEqual([2])
    expect(search.find(parseFindQuery('Бот говорит'))).toEqual([])
  })

  it('at most ten clients; an exact @username comes first, however long ago they wrote', () => {
    const { sqlite, search } = setUp()
    const insert = sqlite.prepare(
      "insert into clients (telegram_id, first_name, username, created_at, last_seen_at) values (?, 'Мария', ?, 0, ?)",
    )
    insert.run(99, 'maria', 1)
    for (let i = 0; i < 15; i++) insert.run(100 + i, `maria_${i}`, 100 + i)
    expect(search.find(parseFindQuery('мари'))).toHaveLength(10)
    const hits = search.find(parseFindQuery('@Maria'))
    expect(hits).toHaveLength(10)
    expect(hits[0]?.client.username).toBe('maria')
  })

  it('an erased client (/forget) is found by nothing', () => {
    const { sqlite, search } = setUp()
    sqlite
      .prepare(
        'update clients set telegram_id = null, first_name = null, last_name = null, display_name = null, username = null, phone = null, deleted_at = 1 where id = 1',
      )
      .run()
    sqlite.prepare('delete from messages where client_id = 1').run()
    expect(ids(search.find(parseFindQuery('анн')))).toEqual([3])
    expect(search.find(parseFindQuery('9991234567'))).toEqual([])
    expect(search.find(parseFindQuery('#1'))).toEqual([])
    expect(ids(search.find(parseFindQuery('ИНТЕРНЕТ')))).toEqual([2])
    // Nothing of theirs is left in the index itself
    const left = sqlite
      .prepare('select count(*) as n from client_search where client_search match \'name : "анна"\'')
      .get()
    expect(left).toEqual({ n: 0 })
  })

  it('ё and е are one letter, in names and in the transcript, either way round and in any case', () => {
    const { sqlite, search } = setUp()
    sqlite
      .prepare(
        `insert into clients (telegram_id, first_name, last_name, topic_id, created_at, last_seen_at)
         values (14, 'Фёдор', 'Семёнов', 104, 0, 8), (15, 'Артем', 'Королев', 105, 0, 9)`,
      )
      .run()
    sqlite
      .prepare("insert into messages (client_id, direction, type, text, created_at) values (?, 'in', 'text', ?, 0)")
      .run(5, 'Ещё нужен логотип для ЁЛОЧНОГО базара')
    expect(ids(search.find(parseFindQuery('федор')))).toEqual([4])
    expect(ids(search.find(parseFindQuery('Семенов')))).toEqual([4])
    expect(ids(search.find(parseFindQuery('ФЁДОР')))).toEqual([4])
    expect(ids(search.find(parseFindQuery('Артём')))).toEqual([5])
    expect(ids(search.find(parseFindQuery('елочн')))).toEqual([5])
    expect(ids(search.find(parseFindQuery('ещё нужен')))).toEqual([5])
    // An edit is folded the same way
    sqlite.prepare("update messages set text = 'Ещё нужен логотип для ёжика' where client_id = 5").run()
    expect(ids(search.find(parseFindQuery('ежик')))).toEqual([5])
  })

  it('indexes new messages in batches yet finds what was written a moment ago; edits and deletions follow', () => {
    const { sqlite, search } = setUp()
    const queued = () => (sqlite.prepare('select count(*) as n from message_search_queue').get() as { n: number }).n
    const say = sqlite.prepare(
      "insert into messages (client_id, direction, type, text, created_at) values (?, ?, 'text', ?, 1)",
    )
    // Three searchable messages wait in the queue, not in the index; the bot's own never queue
    expect(queued()).toBe(3)
    say.run(3, 'bot', 'Бот напоминает про пеликана')
    const { lastInsertRowid } = say.run(3, 'in', 'Нужен логотип с пеликаном')
    expect(queued()).toBe(4)
    expect(ids(search.find(parseFindQuery('пеликан')))).toEqual([3])
    expect(queued()).toBe(0)

    // An edit replaces the indexed words; the bot editing its own message queues nothing
    sqlite.prepare('update messages set text = ? where id = ?').run('Нужен логотип с фламинго', lastInsertRowid)
    sqlite.prepare("update messages set text = 'Бот изменил' where direction = 'bot'").run()
    expect(queued()).toBe(1)
    expect(search.find(parseFindQuery('пеликан'))).toEqual([])
    expect(ids(search.find(parseFindQuery('фламинго')))).toEqual([3])

    // A message deleted before it was indexed leaves the queue with it
    const gone = say.run(2, 'in', 'Удалённый текст про страуса')
    sqlite.prepare('delete from messages where id = ?').run(gone.lastInsertRowid)
    expect(queued()).toBe(0)
    expect(search.find(parseFindQuery('страус'))).toEqual([])
  })

  it('indexes the queue in the background, a batch at a time, until stopped', () => {
    const { sqlite, search } = setUp()
    const queued = () => (sqlite.prepare('select count(*) as n from message_search_queue').get() as { n: number }).n
    const say = sqlite.prepare(
      "insert into messages (client_id, direction, type, text, created_at) values (1, 'in', 'text', ?, 1)",
    )
    vi.useFakeTimers()
    try {
      search.start()
      expect(queued()).toBe(0)
      for (let i = 0; i < 2_500; i++) say.run(`сообщение номер ${i}`)
      // A long queue is worked through batch after batch without a pause
      vi.advanceTimersByTime(5_000)
      expect(queued()).toBe(1_500)
      vi.advanceTimersByTime(1)
      vi.advanceTimersByTime(1)
      expect(queued()).toBe(0)
      // Then a pause of a few seconds between rounds, and nothing after stop()
      say.run('ещё одно')
      vi.advanceTimersByTime(4_000)
      expect(queued()).toBe(1)
      vi.advanceTimersByTime(1_000)
      expect(queued()).toBe(0)
      say.run('после остановки')
      search.stop()
      vi.advanceTimersByTime(60_000)
      expect(queued()).toBe(1)
    } finally {
      vi.useRealTimers()
    }
    const indexed = sqlite
      .prepare('select count(*) as n from message_search where message_search match \'"номер"\'')
      .get()
    expect(indexed).toEqual({ n: 2_500 })
  })
})
