import { defineRule } from '../rule.js'
import { sourcesMissing } from './source-facts.js'

export const sourceCrawlUndocumented = defineRule({
  code: 'SOURCE_CRAWL_UNDOCUMENTED',
  stage: 'scan',
  clause: 'TC260-003 §5.1',
  title: { en: 'Crawled source without crawl facts', zh: '爬取来源未说明爬取情况' },
  description: {
    en: 'A crawled source does not say whether robots.txt and opt-outs were respected; TC260-003 asks that data collection respect them.',
    zh: '爬取来源未说明是否遵守 robots.txt 与退出（opt-out）声明；TC260-003 要求采集时予以遵守。',
  },
  fix: {
    en: 'Set `crawl.robots_respected` and `crawl.opt_out_respected` on the source in tdgov.yaml.',
    zh: '在 tdgov.yaml 的该来源下填写 `crawl.robots_respected` 与 `crawl.opt_out_respected`。',
  },
  check: (records) =>
    sourcesMissing(records, 'SOURCE_CRAWL_UNDOCUMENTED', (s) => s.kind === 'crawled' && (s.crawl?.robots_respected === undefined || s.crawl.opt_out_respected === undefined)),
})
