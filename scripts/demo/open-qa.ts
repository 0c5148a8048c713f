/**
 * A small question–answer set standing in for an open dataset published abroad under a
 * non-commercial licence: its card says `license: cc-by-nc-4.0`, which is what tdgov should flag
 * when the dataset's intended use is commercial.
 */
export const OPEN_QA: readonly [question: string, answer: string][] = [
  ['What gas do plants absorb from the air for photosynthesis?', 'Carbon dioxide.'],
  ['What is the boiling point of water at sea level in degrees Celsius?', '100 degrees Celsius.'],
  ['Which planet is known as the Red Planet?', 'Mars.'],
  ['What is the largest organ of the human body?', 'The skin.'],
  ['How many continents are there?', 'Seven.'],
  ['What force keeps the planets in orbit around the Sun?', 'Gravity.'],
  ['What is the chemical symbol for gold?', 'Au.'],
  ['Which part of the cell contains most of its genetic material?', 'The nucleus.'],
  ['What is the speed of light in a vacuum, approximately?', 'About 300,000 kilometres per second.'],
  ['What do bees collect from flowers to make honey?', 'Nectar.'],
  ['Which ocean is the largest?', 'The Pacific Ocean.'],
  ['What is the freezing point of water in degrees Fahrenheit?', '32 degrees Fahrenheit.'],
  ['How many bones are in the adult human body?', '206.'],
  ['What is the main gas in the Earth’s atmosphere?', 'Nitrogen.'],
  ['Which metal is liquid at room temperature?', 'Mercury.'],
  ['What is the hardest natural substance?', 'Diamond.'],
  ['What instrument measures atmospheric pressure?', 'A barometer.'],
  ['What is the smallest prime number?', '2.'],
  ['Which organ pumps blood through the body?', 'The heart.'],
  ['What is H2O commonly called?', 'Water.'],
]

export const OPEN_QA_CARD = `---
license: cc-by-nc-4.0
language:
  - en
pretty_name: Open Science QA (demo stand-in)
size_categories:
  - n<1K
task_categories:
  - question-answering
source_datasets:
  - original
---

# Open Science QA (demo stand-in)

Short science questions with one-line answers, released for non-commercial research under
CC BY-NC 4.0. In the tdgov demo it stands in for an open dataset obtained from abroad.
`
