/** A small quiz whose scores are easy to work out by hand (see the comments). */
export const QUIZ_YAML = `business:
  name: Студия
  about: Делаем сайты
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
    tue: ["10:00-19:00"]
    wed: ["10:00-19:00"]
    thu: ["10:00-19:00"]
    fri: ["10:00-19:00"]
quiz:
  match_threshold: 3
  questions:
    - key: goal
      text: { ru: Что нужно?, en: What do you need? }
      options:
        # alpha 5, beta 4, gamma 3 (out of stock), delta 3
        - { value: all, label: Всё сразу, reason: { ru: нужно всё, en: you need everything }, weights: { alpha: 5, beta: 4, gamma: 3, delta: 3 } }
        # alpha 4, beta 4: a tie
        - { value: tie, label: Любое, reason: подойдёт любое, weights: { alpha: 4, beta: 4 } }
        # nothing reaches 3
        - { value: none, label: Пока не знаю, weights: { alpha: 1 } }
    - key: extras
      type: multi
      text: Что ещё?
      options:
        - { value: fast, label: Быстро, reason: { ru: срочно, en: it is urgent }, weights: { "tag:fast": 1 } }
        - { value: cheap, label: Недорого, reason: небольшой бюджет, weights: { delta: 1, gamma: -1 } }
        - { value: nothing, label: Ничего }
products:
  - id: alpha
    title: Альфа
    description: Первый продукт
    price: { amount: 45000, from: true }
    includes: [Дизайн, Вёрстка]
    benefit: Быстрый старт
    photo: AgACAgIAAxkBAAIBY2Zk_test_file_id_000001
    link: https://example.com/alpha
  - id: beta
    title: Бета
    description: Второй продукт
    price: { amount: 15000, unit: { ru: в месяц, en: per month } }
  - id: gamma
    title: Гамма
    description: Третий продукт
    price: { amount: 60000 }
    in_stock: false
    stock_note: Вернётся в марте
  - id: delta
    title: Дельта
    description: Четвёртый продукт
    price: { amount: 30000 }
    tags: [fast]
`
