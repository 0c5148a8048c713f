import { describe, expect, it } from 'vitest'
import { classifyLanguage, LANGUAGE_CLASSES } from '../../../src/provenance/text/language.js'

const ENGLISH = [
  'The quick brown fox jumps over the lazy dog.',
  'Photosynthesis is the process by which green plants use sunlight to synthesize foods from carbon dioxide and water (Smith et al., 2019) [1].',
  '## Getting started\n\nTo install the package, run the installer. **Note:** you need admin rights.\n\n- Open the settings\n  - then pick a profile\n- Click "Save"',
  'Hi John,\n\nThanks for your email. Let me check with the team and get back to you by Friday. In return, could you send the report from last week?',
  'Check out https://example.com/docs/getting-started.html for more info! #opensource @github e.g. the README.md file.',
  'User: Can you explain recursion?\nAssistant: Sure! Recursion is when a function calls itself to solve smaller instances of the same problem.',
  'Write a function that returns the sum of two numbers. Use Python and explain the time complexity.',
  'I bought an iPhone and a MacBook on eBay; the JavaScript course on YouTube was also great.',
  'The results: accuracy = 0.93, F1 = 0.91 (n = 1,200). See Table 2 for details; p < 0.05.',
  'None of these options is True to the original; self-driving cars are different.',
  'Résumé: naïve café owner in São Paulo.',
]

const CHINESE = [
  '我爱北京天安门，天安门上太阳升。',
  '机器学习是人工智能的一个分支，它使计算机能够在没有明确编程的情况下从数据中学习。',
  '根据《中华人民共和国数据安全法》第二十一条，国家建立数据分类分级保护制度。',
]

const CODE: Record<string, string> = {
  python: 'def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint(fib(10))',
  'python class': 'import os\nfrom pathlib import Path\n\nclass Loader:\n    def __init__(self, root):\n        self.root = Path(root)',
  'python one-liner': 'result = [x ** 2 for x in range(10) if x % 2 == 0]',
  javascript: 'const add = (a, b) => a + b;\nfunction main() {\n  console.log(add(1, 2));\n}\nmain();',
  typescript: 'export async function load(id: number): Promise<User> {\n  const res = await fetch(`/api/users/${id}`);\n  return res.json();\n}',
  sql: 'SELECT id, name, COUNT(*) AS n\nFROM users u\nJOIN orders o ON o.user_id = u.id\nWHERE u.active = 1\nGROUP BY id, name;',
  'sql, lower case': "select name, email from customers where created_at > '2024-01-01' order by name;",
  json: '{"name": "tdgov", "version": "0.1.0", "scripts": {"build": "tsc", "test": "vitest run"}, "files": ["bin", "dist"]}',
  'json, indented': '{\n  "model": "gpt-4o",\n  "messages": [\n    {"role": "user", "content": "hi"}\n  ],\n  "temperature": 0.7\n}',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello");\n    }\n}',
  c: '#include <stdio.h>\n\nint main(void) {\n    int x = 0;\n    for (int i = 0; i < 10; i++) x += i;\n    return 0;\n}',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}',
  rust: 'fn main() {\n    let mut v: Vec<usize> = Vec::new();\n    v.push(1);\n    println!("{:?}", v);\n}',
  bash: '#!/bin/bash\nset -euo pipefail\nfor f in *.txt; do\n  echo "$f"\ndone',
  html: '<div class="card">\n  <h1>Title</h1>\n  <p>Some <b>bold</b> text</p>\n</div>',
  css: '.card {\n  display: flex;\n  margin: 0 auto;\n}',
}

const OTHER: Record<string, string> = {
  Russian: 'Москва — столица России, крупнейший по численности населения город страны.',
  Japanese: '日本語のテキストです。東京は日本の首都であり、多くの人が住んでいます。',
  'Japanese, mostly kana': '今日はとても暑いですね。',
  Korean: '안녕하세요. 저는 한국어를 공부하고 있습니다.',
  Arabic: 'مرحبا بكم في موقعنا. نحن نقدم أفضل الخدمات.',
  Greek: 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.',
}

describe('classifyLanguage', () => {
  it('lists its classes', () => {
    expect(LANGUAGE_CLASSES).toEqual(['zh', 'en', 'code', 'other'])
  })

  it.each(ENGLISH)('English prose is en: %s', (text) => {
    expect(classifyLanguage(text)).toBe('en')
  })

  it.each(CHINESE)('Chinese prose is zh: %s', (text) => {
    expect(classifyLanguage(text)).toBe('zh')
  })

  it.each(Object.entries(CODE))('%s is code', (_name, text) => {
    expect(classifyLanguage(text)).toBe('code')
  })

  it.each(Object.entries(OTHER))('%s is other', (_name, text) => {
    expect(classifyLanguage(text)).toBe('other')
  })

  it('gives mixed text to the dominant script, a Han character weighing three ASCII letters', () => {
    // 10 Han characters against 19 Latin letters
    expect(classifyLanguage('我们使用 Python 和 TensorFlow 来训练模型')).toBe('zh')
    expect(classifyLanguage('请问如何用 ChatGPT 写一篇关于 climate change 的文章？')).toBe('zh')
    expect(classifyLanguage('The Chinese word for machine learning is 机器学习, and it is used widely in papers.')).toBe('en')
    expect(classifyLanguage('Москва is the capital of Russia and its largest city by population.')).toBe('en')
  })

  it('is null for text without letters', () => {
    expect(classifyLanguage('')).toBeNull()
    expect(classifyLanguage('   \n\t ')).toBeNull()
    expect(classifyLanguage('12345 67.8')).toBeNull()
    expect(classifyLanguage('{} [] ()')).toBeNull()
  })

  it('looks at the first 2,000 characters only', () => {
    const text = 'Plain English words here. '.repeat(100) + '数据'.repeat(10_000)
    expect(classifyLanguage(text)).toBe('en')
  })

  it('counts astral Han (extension B) and does not split surrogate pairs', () => {
    expect(classifyLanguage('𠀀𠀁𠀂 ab')).toBe('zh')
    expect(classifyLanguage('😀😀😀 hello')).toBe('en')
  })
})
