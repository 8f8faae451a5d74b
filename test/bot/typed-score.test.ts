import { describe, expect, it } from 'vitest'
import { ratingAnswer, typedScore } from '../../src/bot/questions.ts'

describe('a score typed under a rating question', () => {
  it('leading what the client says: the score, the scale the words give, and the words as written', () => {
    expect(typedScore('2 stars. slow and nobody replied')).toEqual({
      score: 2,
      outOf: 5,
      comment: 'slow and nobody replied',
    })
    expect(typedScore('5, всё супер 😍')).toEqual({ score: 5, comment: 'всё супер 😍' })
    expect(typedScore('3 — долго ждали')).toEqual({ score: 3, comment: 'долго ждали' })
    expect(typedScore('4 звезды')).toEqual({ score: 4, outOf: 5 })
    expect(typedScore('10/10 супер')).toEqual({ score: 10, outOf: 10, comment: 'супер' })
    expect(typedScore('4/5 норм')).toEqual({ score: 4, outOf: 5, comment: 'норм' })
    // The scale said in words, as people say it
    expect(typedScore('2 из 5')).toEqual({ score: 2, outOf: 5 })
    expect(typedScore('4 out of 5')).toEqual({ score: 4, outOf: 5 })
    expect(typedScore('9 из 10, спасибо')).toEqual({ score: 9, outOf: 10, comment: 'спасибо' })
    expect(typedScore('3 из 5 долго ждали')).toEqual({ score: 3, outOf: 5, comment: 'долго ждали' })
    // A word to the reader alone is no comment; with more, the words are kept
    expect(typedScore('5 stars mate')).toEqual({ score: 5, outOf: 5 })
    expect(typedScore('5 звёзд, ребята!')).toEqual({ score: 5, outOf: 5 })
    expect(typedScore('5 stars mate, top job')).toEqual({ score: 5, outOf: 5, comment: 'mate, top job' })
    // Set apart by the words an opinion is given with
    expect(typedScore('2 tbh, pink still wrong')).toEqual({ score: 2, comment: 'pink still wrong' })
    expect(typedScore('3 если честно, долго')).toEqual({ score: 3, comment: 'долго' })
    expect(typedScore('4 honestly')).toEqual({ score: 4 })
    expect(typedScore('5 конечно')).toEqual({ score: 5 })
    // …or by a thanks or praise right after it, no stop between
    expect(typedScore('5 конечно спасибо вам большое')).toEqual({ score: 5, comment: 'спасибо вам большое' })
    expect(typedScore('5 спасибо')).toEqual({ score: 5, comment: 'спасибо' })
    // …in any of its forms, not only those a thanks alone is said in: «благодарна», «спасибушки»; and in Kazakh, Uzbek
    expect(typedScore('5 благодарна')).toEqual({ score: 5, comment: 'благодарна' })
    expect(typedScore('5 спасибушки')).toEqual({ score: 5, comment: 'спасибушки' })
    expect(typedScore('5 рахмет')).toEqual({ score: 5, comment: 'рахмет' })
    expect(typedScore('5 rahmat')).toEqual({ score: 5, comment: 'rahmat' })
    expect(typedScore('4 отлично всё')).toEqual({ score: 4, comment: 'отлично всё' })
    expect(typedScore('5 thank you so much')).toEqual({ score: 5, comment: 'thank you so much' })
    // A count of something is no score
    expect(typedScore('2 more questions')).toBeUndefined()
    expect(typedScore('3 logos please')).toBeUndefined()
    expect(typedScore('3 из 4 страниц не открываются')).toBeUndefined()
    expect(typedScore('5 of them were wrong')).toBeUndefined()
    // A complaint asked as a question after a score on its scale is still the rating
    expect(typedScore('2 звезды. Почему никто не перезвонил?')).toEqual({
      score: 2,
      outOf: 5,
      comment: 'Почему никто не перезвонил?',
    })
  })

  it('a mark in a word leading what the client says: set apart by a stop, or by "but" ("хорошо" is also "okay")', () => {
    expect(typedScore('плохо — никто не перезвонил')).toEqual({
      score: 2,
      outOf: 5,
      inWords: true,
      comment: 'никто не перезвонил',
    })
    expect(typedScore('Всё было отлично, курьер вежливый 👍')).toMatchObject({
      score: 5,
      comment: 'курьер вежливый 👍',
    })
    expect(typedScore('хорошо, но долго ждали')).toMatchObject({ score: 4, comment: 'но долго ждали' })
    expect(typedScore('good but slow')).toMatchObject({ score: 4, comment: 'but slow' })
    // A school mark's name leads its words as a mark does
    expect(typedScore('тройка, долго')).toEqual({ score: 3, outOf: 5, inWords: true, comment: 'долго' })
    // A mark of two words leads them as one does; English's middling "ok", "fine" with a "but"
    expect(typedScore('не плохо, но долго')).toEqual({ score: 4, outOf: 5, inWords: true, comment: 'но долго' })
    expect(typedScore('so-so, took ages')).toEqual({ score: 3, outOf: 5, inWords: true, comment: 'took ages' })
    // (an "ok" also agrees: the words after it decide, `okay`)
    expect(typedScore('it was ok, but slow')).toEqual({
      score: 3,
      outOf: 5,
      inWords: true,
      comment: 'but slow',
      okay: true,
    })
    expect(typedScore('fine but slow')).toMatchObject({ score: 3, comment: 'but slow' })
    // Set apart by an opinion's word, as a figure is ("5 наверно, …")
    expect(typedScore('пятёрка наверно, мария хорошая только долго отвечала')).toEqual({
      score: 5,
      outOf: 5,
      inWords: true,
      comment: 'мария хорошая только долго отвечала',
    })
    expect(typedScore('отлично конечно, спасибо')).toMatchObject({ score: 5, comment: 'спасибо' })
    for (const text of [
      'хорошо, перезвоните завтра',
      'отлично подошло бы на вторник',
      // "Ok" is an okay first: with a request and no "but", it is words for the team
      'ok, call me tomorrow',
      // A no before the mark is no part of it
      'не, плохо, долго',
      'ну хорошо, но дорого',
      'отлично, а когда доставка?',
    ]) {
      expect(typedScore(text), text).toBeUndefined()
    }
  })

  it('a mark hedged before it, with words after a stop: "ну на четверку, долго ждал", "где-то тройка, долго", "ну 4, долго ждал"', () => {
    expect(typedScore('ну на четверку, долго ждал')).toEqual({
      score: 4,
      outOf: 5,
      inWords: true,
      comment: 'долго ждал',
    })
    expect(typedScore('где-то тройка, долго')).toEqual({ score: 3, outOf: 5, inWords: true, comment: 'долго' })
    expect(typedScore('наверное на троечку, долго')).toMatchObject({ score: 3, comment: 'долго' })
    // A figure or a number's word after a hedge is on no scale of its own, as "ну 4" alone is
    expect(typedScore('ну 4, долго ждал')).toEqual({ score: 4, comment: 'долго ждал' })
    expect(typedScore('пятерка')).toEqual({ score: 5, outOf: 5, inWords: true })
    for (const text of [
      'ну хорошо, перезвоните завтра',
      'так и не решили, долго',
      'ну на 5 минут опоздали',
      'ну два, три дня ждал',
      'вопрос не решён, на связь никто не выходил',
      'ну на четверку, а когда будет готово?',
    ]) {
      expect(typedScore(text), text).toBeUndefined()
    }
  })

  it('a score hedged or in words: "на 4 наверно", "ну 4", "четыре", "на пятёрку", "meh", "так себе", "not bad"', () => {
    expect(typedScore('на 4 наверно')).toEqual({ score: 4 })
    expect(typedScore('ну 4')).toEqual({ score: 4 })
    expect(typedScore("I'd say 4")).toEqual({ score: 4 })
    expect(typedScore('четыре')).toEqual({ score: 4 })
    // A school mark is out of five: no answer to a 0–10 question
    expect(typedScore('на пятёрку')).toEqual({ score: 5, outOf: 5, inWords: true })
    expect(typedScore('meh')).toMatchObject({ score: 3, outOf: 5 })
    expect(typedScore('так себе')).toMatchObject({ score: 3, outOf: 5 })
    expect(typedScore('so-so')).toMatchObject({ score: 3, outOf: 5 })
    expect(typedScore('not bad')).toMatchObject({ score: 4, outOf: 5 })
    expect(typedScore('ну так себе')).toMatchObject({ score: 3, outOf: 5 })
    // As Ireland says it: "grand" is good; "lovely", "brilliant" are a five
    expect(typedScore('it was grand, thanks')).toMatchObject({ score: 4, outOf: 5 })
    expect(typedScore('brilliant')).toMatchObject({ score: 5, outOf: 5 })
    expect(typedScore('lovely, thanks')).toMatchObject({ score: 5, outOf: 5 })
    // Said of how it went, "ok" is the middling mark "норм" is; alone, or with a thanks, it agrees
    expect(typedScore('it was ok')).toEqual({ score: 3, outOf: 5, inWords: true })
    expect(typedScore("it's fine")).toEqual({ score: 3, outOf: 5, inWords: true })
    for (const text of [
      'ну',
      'ok',
      'okay',
      'fine, thanks',
      'на 5 минут опоздали',
      'ну 4 или 5',
      'очень хорошо',
      'не очень',
    ]) {
      expect(typedScore(text), text).toBeUndefined()
    }
  })

  it('no score where the number is part of what the client says, or a question follows it', () => {
    for (const text of [
      '10 дней жду ответа',
      '5 минут назад писал',
      '1. Почему так долго?',
      '3, 4 и 5 страницы',
      '5-10 минут',
      '8-800-555-35-35',
      '5.000 руб',
      '10:30 удобно?',
      '10.12 подойдёт?',
      '4,5',
    ]) {
      expect(typedScore(text), text).toBeUndefined()
    }
  })
})

describe('a rating question answered with emoji alone, typed or as a sticker', () => {
  const sticker = (emoji: string) => ({
    sticker: {
      file_id: 's',
      file_unique_id: 's',
      type: 'regular' as const,
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji,
    },
  })

  it('a good experience is the top of the five, a bad one the bottom', () => {
    for (const glad of ['❤️', '😍', '🔥', '👍', '👍🏽', '🔥🔥🔥', '❤️‍🔥', '❤️ 😍']) {
      expect(ratingAnswer({ text: glad }), glad).toEqual({ score: 5, outOf: 5 })
      expect(ratingAnswer(sticker(glad)), `${glad} sticker`).toEqual({ score: 5, outOf: 5 })
    }
    for (const sad of ['👎', '😡', '😢', '👎🏻👎🏻']) {
      expect(ratingAnswer({ text: sad }), sad).toEqual({ score: 1, outOf: 5 })
      expect(ratingAnswer(sticker(sad)), `${sad} sticker`).toEqual({ score: 1, outOf: 5 })
    }
  })

  it('both kinds, another emoji, a word or a question beside them are no answer; a number is read as typed', () => {
    for (const text of ['👍👎', '❤️😡', '🤔', '💔', '❤️‍🩹', '❤️?', '👍 но долго', '🙏']) {
      expect(ratingAnswer({ text }), text).toBeUndefined()
    }
    expect(ratingAnswer(sticker('🤔'))).toBeUndefined()
    expect(ratingAnswer({ sticker: { ...sticker('x').sticker, emoji: undefined } })).toBeUndefined()
    expect(ratingAnswer({ text: '👍 4' })).toEqual(typedScore('👍 4'))
    expect(ratingAnswer({ text: '⭐⭐⭐' })).toEqual({ score: 3, outOf: 5 })
    // A sticker by its emoji's side only: a star is no "1 star"
    expect(ratingAnswer(sticker('⭐'))).toBeUndefined()
  })
})
