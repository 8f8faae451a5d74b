import { describe, expect, it } from 'vitest'
import { saysNobodyCalled } from '../../src/bot/nobody-called.ts'

describe('a client’s words that nobody called them', () => {
  it('reads them in either language', () => {
    for (const said of [
      'вы так и не позвонили((( я ждала',
      'Мне так никто и не позвонил',
      'вы мне не звонили?',
      'Не перезвонили',
      'звонка так и не было',
      'жду звонка уже час',
      'Ждала вашего звонка',
      'где звонок?',
      'Когда позвоните?',
      'you never called',
      'Nobody has called me',
      'I’m still waiting for your call',
      'you didn’t ring',
      'when will you call?',
    ]) {
      expect(saysNobodyCalled(said), said).toBe(true)
    }
  })

  it('leaves alone a missed call, a call that came and other words', () => {
    for (const said of [
      'вы мне звонили, но я не смогла ответить',
      'не дозвонились? перезвоните',
      'спасибо за звонок',
      'позвоните завтра',
      'перезвоните мне, пожалуйста',
      'I missed your call, sorry',
      'thanks for the call',
      'call me tomorrow',
    ]) {
      expect(saysNobodyCalled(said), said).toBe(false)
    }
  })
})
