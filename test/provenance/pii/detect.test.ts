import { describe, expect, it } from 'vitest'
import { isValidBankCard } from '../../../src/provenance/pii/bank-card.js'
import { residentIdCheckChar } from '../../../src/provenance/pii/checksums.js'
import { findPii, scanForPii } from '../../../src/provenance/pii/detect.js'
import { PiiTally } from '../../../src/provenance/pii/tally.js'
import type { PiiType } from '../../../src/provenance/pii/types.js'

/** Every value reported for `text`, in order, as [type, exact span]. */
function find(text: string): Array<[PiiType, string]> {
  const hits: Array<[PiiType, string]> = []
  findPii(text, { add: (type, raw) => hits.push([type, raw]) })
  return hits
}

/** Asserts that `value` is found as exactly one `type` hit covering exactly `value`, in each context. */
function expectFound(type: PiiType, value: string, contexts: string[] = ['%', 'x %', '% x', '联系：%。', '(%)']): void {
  for (const context of contexts) {
    const text = context.replace('%', value)
    expect(find(text), text).toEqual([[type, value]])
  }
}

const withIdCheck = (first17: string): string => first17 + residentIdCheckChar(first17)

function expectNothing(...texts: string[]): void {
  for (const text of texts) expect(find(text), text).toEqual([])
}

describe('email', () => {
  it('finds ordinary addresses, in Chinese text and before sentence punctuation', () => {
    expectFound('email', 'a.b@example.com')
    expectFound('email', 'li_wang+news@mail.example.org')
    expectFound('email', '13812345678@163.com')
    expect(find('邮箱zhang@qq.com，电话')).toEqual([['email', 'zhang@qq.com']])
    expect(find('Write to anna@example.co.uk.')).toEqual([['email', 'anna@example.co.uk']])
  })

  it('rejects bad local parts, bad labels and bad top-level domains', () => {
    expectNothing('john..doe@example.com', 'john.@example.com', '@example.com', 'john@localhost', 'john@example.c', 'john@example.42', 'john@-example.com', 'john@exa-.com')
  })

  it('ignores retina image names, package versions and decorators', () => {
    expectNothing('icon@2x.png', 'logo@1.5x.jpg', 'lodash@4.17.21', '@Component', 'pkg@latest')
  })

  it('does not take part of a longer token', () => {
    expectNothing('a@b.com@c', 'john@example.com_old')
  })
})

describe('cn-mobile', () => {
  it('finds 11-digit numbers, grouped forms and the 0086 / 86 / +86 prefixes', () => {
    for (const value of ['13812345678', '138-1234-5678', '138 1234 5678', '+8613812345678', '+86 13812345678', '+86 138 1234 5678', '+86-138-1234-5678', '0086 13812345678', '008613812345678', '86 13812345678', '86-138-1234-5678', '19912345678']) {
      expectFound('cn-mobile', value)
    }
    expect(find('(+86)13812345678')).toEqual([['cn-mobile', '+86)13812345678']])
  })

  it('counts a +86 mobile once, as cn-mobile', () => {
    const tally = new PiiTally()
    scanForPii('电话：+86 138 1234 5678', tally)
    expect(tally.toJSON().counts).toEqual({ 'cn-mobile': 1 })
  })

  it('rejects other second digits and longer or shorter digit runs', () => {
    expectNothing('12812345678', '10012345678', '138123456789', '1381234567', '2138123456780', 'x13812345678', '13812345678x')
  })

  it('rejects decimals, dotted numbers and identifiers', () => {
    expectNothing('0.13812345678', '13812345678.5', 'id_13812345678', '13812345678_2', 'report-13812345678.pdf')
  })

  it('rejects a grouped number that continues with more groups', () => {
    expectNothing('138 1234 5678 9012', '138-1234-5678-1234', '12 138 1234 5678')
  })

  it('keeps the e-mail when a number is its local part', () => {
    expect(find('13812345678@qq.com')).toEqual([['email', '13812345678@qq.com']])
  })
})

describe('cn-landline', () => {
  it('finds area code, separator and subscriber number', () => {
    for (const value of ['010-62345678', '021 62345678', '0755-88889999', '0371-6234567', '(010)62345678', '(0755) 88889999', '（021）62345678']) {
      expectFound('cn-landline', value, ['%', 'x %', '电话%。'])
    }
  })

  it('finds a number that opens a parenthesised aside', () => {
    expect(find('(010-62345678, office)')).toEqual([['cn-landline', '010-62345678']])
  })

  it('ignores an extension after the number', () => {
    expect(find('010-62345678-801')).toEqual([['cn-landline', '010-62345678']])
  })

  it('rejects bare digit runs, subscribers starting with 0 or 1, unknown area shapes', () => {
    expectNothing('01062345678', '010-12345678', '010-02345678', '10-62345678', '755-88889999', '010-623456', '010-623456789', '0010-62345678')
  })
})

describe('phone-e164', () => {
  it('finds valid international numbers with spaces, dashes or parentheses', () => {
    for (const value of ['+14155552671', '+1 415 555 2671', '+1 (415) 555-2671', '+1-415-555-2671', '+44 7400 123456', '+49 151 23456789', '+33 6 12 34 56 78', '+81 90 1234 5678']) {
      expectFound('phone-e164', value)
    }
  })

  it('takes the longest valid prefix when another number follows', () => {
    expect(find('+1 415 555 2671 12')).toEqual([['phone-e164', '+1 415 555 2671']])
  })

  it('counts +86 landlines as cn-landline', () => {
    expect(find('+86 10 6234 5678')).toEqual([['cn-landline', '+86 10 6234 5678']])
  })

  it('rejects numbers libphonenumber’s full metadata does not validate', () => {
    // the `min` metadata would accept +491234 (length only); area codes never start with 0 or 1
    expectNothing('+491234', '+11234567890', '+8612345678901', '+999123456789', '+4412345678901')
  })

  it('rejects more than 15 digits and "+" glued to a word', () => {
    expectNothing('+1415555267112345', 'a+14155552671', 'x+8613812345678')
  })

  it('does not reread the digits of a rejected number as a national number', () => {
    expectNothing('+13812345678')
  })
})

describe('cn-resident-id', () => {
  it('finds valid ids, X or x, in running text', () => {
    expectFound('cn-resident-id', '11010519491231002X')
    expectFound('cn-resident-id', '11010519491231002x')
    expect(find('身份证号码11010519491231002X，住址')).toEqual([['cn-resident-id', '11010519491231002X']])
    expect(find('No.11010519491231002X')).toEqual([['cn-resident-id', '11010519491231002X']])
  })

  it('rejects a wrong check digit, a bad date, a bad province', () => {
    expectNothing('110105194912310021', '110105199902300021', '990105194912310029')
  })

  it('rejects ids glued to other digits or letters', () => {
    expectNothing('111010519491231002X', '11010519491231002X1', 'A11010519491231002X', '11010519491231002XY', '11010519491231002X.txt')
  })
})

describe('bank-card', () => {
  it('finds contiguous and grouped card numbers', () => {
    for (const value of ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '6205500000000000004', '6205 5000 0000 0000 004', '378282246310005', '3782 822463 10005', '6200000000000005']) {
      expectFound('bank-card', value)
    }
  })

  it('rejects a wrong Luhn digit and numbers no network issues', () => {
    expectNothing('4111111111111112', '4111 1111 1111 1112', '9111111111111119', '1700000000000')
  })

  it('rejects mixed separators and windows of a longer grouped number', () => {
    expectNothing('4111 1111-1111 1111', '1234 4111 1111 1111 1111', '4111 1111 1111 1111 1111 1111')
  })

  it('does not count a valid resident id as a card', () => {
    // a Gansu (62) id that also passes Luhn looks like an 18-digit UnionPay number
    const both = Array.from({ length: 1000 }, (_, i) => withIdCheck(`62010219900101${String(i).padStart(3, '0')}`)).find((id) => isValidBankCard(id))
    expect(both).toBeDefined()
    expect(find(`卡号${both!}`)).toEqual([['cn-resident-id', both]])
  })
})

describe('cn-uscc', () => {
  it('finds valid codes, including authority letters', () => {
    expectFound('cn-uscc', '91350100M000100Y43')
    expectFound('cn-uscc', '91110000100010433L')
    expect(find('统一社会信用代码：91440300708461136T')).toEqual([['cn-uscc', '91440300708461136T']])
  })

  it('rejects a wrong check character and glued tokens', () => {
    expectNothing('91350100M000100Y44', 'X91350100M000100Y43', '91350100M000100Y43A', '91350100m000100y43')
  })
})

describe('ipv4', () => {
  it('finds dotted quads', () => {
    for (const value of ['192.168.1.1', '10.0.0.1', '8.8.8.8', '203.0.113.255', '127.0.0.1']) expectFound('ipv4', value)
    expect(find('host 10.1.2.3:8080 and 10.1.2.4/24.')).toEqual([
      ['ipv4', '10.1.2.3'],
      ['ipv4', '10.1.2.4'],
    ])
  })

  it('rejects out-of-range octets, leading zeros and the all-zero / all-one addresses', () => {
    expectNothing('256.1.1.1', '1.2.3.256', '10.01.1.1', '0.0.0.0', '255.255.255.255')
  })

  it('rejects longer dotted numbers and version strings', () => {
    expectNothing('1.2.3.4.5', '3.1.2.3.4', 'v1.2.3.4', 'V10.0.0.1', 'version 2.1.2.3.4', '1.2.3.4a', 'a1.2.3.4')
  })
})

describe('ipv6', () => {
  it('finds full, compressed and IPv4-mapped addresses', () => {
    for (const value of ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a', '::1', '::ffff:192.0.2.1', '2001:db8::']) {
      expectFound('ipv6', value, ['%', 'x %', '[%]:8080', '地址%。', 'at %.'])
    }
  })

  it('rejects clock times, MAC addresses and C++ scopes', () => {
    expectNothing('12:30', '12:30:45', '2024-01-02T12:30:45Z', '00:1a:2b:3c:4d:5e', '00:1a:2b:3c:4d:5e:6f:70', 'std::vector', 'a::b::c', 'Foo::bar')
  })

  it('rejects addresses glued to letters and over-long colon runs', () => {
    expectNothing('x2001:db8::1', '2001:db8::1z', `${'ab:'.repeat(40)}ab`, ':::')
  })

  it('still finds a number after a label with a colon', () => {
    expect(find('Tel:13812345678')).toEqual([['cn-mobile', '13812345678']])
  })
})

describe('passport', () => {
  it('counts bare E-series and G-series numbers', () => {
    for (const value of ['E12345678', 'EA1234567', 'G12345678']) expectFound('passport', value)
  })

  it('needs a keyword for P/S/D numbers and for E/G numbers that read as dates', () => {
    expectNothing('P1234567', 'S1234567', 'D1234567', 'E20240101')
    expect(find('Passport No.: P1234567')).toEqual([['passport', 'P1234567']])
    expect(find('护照号码：D1234567')).toEqual([['passport', 'D1234567']])
    expect(find('passport E20240101')).toEqual([['passport', 'E20240101']])
  })

  it('rejects the keyword when it is too far away, and other shapes', () => {
    expectNothing('passport, and then a long aside about travel, P1234567', 'E1234567', 'EI1234567', 'EO1234567', 'e12345678', 'E123456789', 'XE12345678')
  })
})

describe('private-key', () => {
  const body = 'MIIEowIBAAKCAQEA1234567890abcdef+/ABCDEFGHIJKLMNOP'

  it('finds PEM private keys of every listed kind and consumes the block', () => {
    for (const kind of ['', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ']) {
      const pem = `-----BEGIN ${kind}PRIVATE KEY-----\n${body}\n-----END ${kind}PRIVATE KEY-----`
      expect(find(`key: ${pem} done`)).toEqual([['private-key', pem]])
    }
    const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n-----END PGP PRIVATE KEY BLOCK-----`
    expect(find(pgp)).toEqual([['private-key', pgp]])
  })

  it('does not scan the base64 inside the block', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nAKIAIOSFODNN7EXAMPLE+14155552671\n13812345678\n-----END RSA PRIVATE KEY-----`
    expect(find(pem)).toEqual([['private-key', pem]])
  })

  it('finds a key whose END line is missing (JSON-escaped newlines included)', () => {
    const text = `"-----BEGIN PRIVATE KEY-----\\n${body}\\n`
    expect(find(text).map(([type]) => type)).toEqual(['private-key'])
  })

  it('ignores public keys and a header without key material', () => {
    expectNothing(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`, 'if (line === "-----BEGIN PRIVATE KEY-----") return')
  })
})

describe('cloud-access-key', () => {
  it('finds whole access keys of each provider', () => {
    for (const value of [
      'AKIAIOSFODNN7EXAMPLE',
      'ASIAY34FZKBOKMUTVV7A',
      'LTAI5tABCDEFGHIJKLMNOPQR',
      'LTAI4Fabcdefghijkl',
      `AKID${'Ab1'.repeat(10)}xY`,
      `AIza${'SyA-b_c1'.repeat(4)}xyz`,
      `ghp_${'a1B2c3'.repeat(6)}`,
      `gho_${'Z'.repeat(36)}`,
    ]) {
      expectFound('cloud-access-key', value, ['%', 'key=%', '"%"', '%.'])
    }
  })

  it('finds a GitHub token after text full of "gh" and underscores', () => {
    const token = `ghs_${'Q9'.repeat(18)}`
    expect(find(`high_through light_gh __init__ ${token}`)).toEqual([['cloud-access-key', token]])
    expectNothing(`my_${token}`, `${token}_2`)
  })

  it('rejects keys inside longer tokens and wrong lengths', () => {
    expectNothing('XAKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLEX', 'AKIAIOSFODNN7EXAMPL', 'akiaiosfodnn7example', `ghx_${'a'.repeat(36)}`, `ghp_${'a'.repeat(35)}`, `ghp_${'a'.repeat(37)}`, 'LTAI12345678901', 'ASIA PACIFIC', 'Asia')
  })
})

describe('mixed and plain text', () => {
  it('finds nothing in prose with ordinary numbers, times and punctuation', () => {
    expectNothing(
      'In 2023, 1,234 users (12.5%) replied at 10:30; see §4.2 and page 17.',
      '我们在2024年收集了3000条样本，准确率为98.7%。时间：12:30。',
      'Version 3.10.1 fixed bug #4521; call me at noon: ok? a+b=c, x:y.',
      'ISBN 978-3-16-148410-0, order 20240115-0001, sha 3f786850e387550fdab836ed7e6dc881de23001b',
    )
  })

  it('finds several values in one text, in order', () => {
    const text = '张三，手机13812345678，邮箱zhang.san@example.com，身份证11010519491231002X，卡号6222 0202 0011 2233 446，IP 10.0.0.8。'
    expect(find(text)).toEqual([
      ['cn-mobile', '13812345678'],
      ['email', 'zhang.san@example.com'],
      ['cn-resident-id', '11010519491231002X'],
      ['bank-card', '6222 0202 0011 2233 446'],
      ['ipv4', '10.0.0.8'],
    ])
  })

  it('gives the same result when scanned twice (no state leaks between texts)', () => {
    const text = 'a@example.com 13812345678'
    expect(find(text)).toEqual(find(text))
  })
})

describe('adversarial input', () => {
  // Each input would take minutes if some detector rescanned it once per trigger character.
  const inputs = {
    'one long token': 'a1'.repeat(100_000),
    'digits in fours': '1234 '.repeat(40_000),
    'single digits': '1 '.repeat(100_000),
    'plus ones': '+1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 '.repeat(2_000),
    'at signs': `${'a'.repeat(100_000)}${'@a'.repeat(50_000)}`,
    'dotted digits': '1.'.repeat(100_000),
    'colons': 'ab:'.repeat(70_000),
    'PEM headers without END': '-----BEGIN PRIVATE KEY-----'.repeat(8_000),
  }

  it.each(Object.entries(inputs))('scans %s in linear time', (_name, text) => {
    const started = performance.now()
    find(text)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
