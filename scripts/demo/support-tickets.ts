/**
 * Customer-support messages users agreed (under the service terms) to let the provider train on.
 * The placeholders are filled by make-demo.ts with fake personal information that passes the
 * checksums tdgov validates (mobile and landline numbers, e-mail addresses at reserved domains,
 * a resident identity number, a bank card), so the demo shows what `scan` finds and masks.
 */
export interface TicketTemplate {
  channel: 'app' | 'web' | 'phone'
  user: string
  agent: string
}

export const SUPPORT_TICKETS: readonly TicketTemplate[] = [
  {
    channel: 'app',
    user: '你好，我的账号登录不上了，一直提示验证码错误。我的手机号是 {mobile}，麻烦帮我看一下。',
    agent: '您好，已为您重置验证码发送通道，请稍后重新获取验证码登录。如仍有问题请回复本工单。',
  },
  {
    channel: 'web',
    user: '订单一直显示"处理中"，已经三天了。能不能发邮件到 {email} 告诉我进度？',
    agent: '抱歉让您久等。仓库已于今天发货，物流单号会通过邮件发送给您。',
  },
  {
    channel: 'phone',
    user: '我想修改发票抬头，公司座机是 {landline}，请财务联系我。',
    agent: '已记录您的需求，财务同事会在一个工作日内与您联系。',
  },
  {
    channel: 'app',
    user: '实名认证一直失败，我填的身份证号是 {residentId}，请问是哪里不对？',
    agent: '请勿在对话中发送证件号码。请在"账户-实名认证"页面重新上传证件照片，系统会自动识别。',
  },
  {
    channel: 'web',
    user: '退款能退到这张卡吗：{bankCard}？原来那张卡已经注销了。',
    agent: '退款只能原路退回。原卡注销后，银行会将款项转入您在该行的其他账户，请联系发卡行确认。',
  },
  {
    channel: 'app',
    user: 'The app crashes every time I open the camera. Please reply to {email}.',
    agent: 'Thanks for the report. Version 3.2.1, released today, fixes a camera crash on some devices; please update and let us know.',
  },
  {
    channel: 'web',
    user: '会员自动续费了，但我没有同意续费，想申请退款。',
    agent: '已为您关闭自动续费，并提交了本期费用的退款申请，预计三到五个工作日到账。',
  },
  {
    channel: 'phone',
    user: '快递员打电话到 {mobile} 但我当时不在家，能改成周末派送吗？',
    agent: '已为您备注周末派送，快递员会在周六上午与您联系。',
  },
  {
    channel: 'app',
    user: 'How do I export my chat history? I need it for my records.',
    agent: 'Open Settings → Privacy → Export data; you will get a download link by e-mail within 24 hours.',
  },
  {
    channel: 'web',
    user: '请把合同扫描件发到 {email}，谢谢。',
    agent: '合同扫描件已发送，请注意查收；如未收到，请检查垃圾邮件文件夹。',
  },
  {
    channel: 'app',
    user: '积分什么时候过期？我好像有一千多分没用。',
    agent: '积分自获得之日起十二个月内有效，您可以在"我的-积分"页面查看每笔积分的到期时间。',
  },
  {
    channel: 'phone',
    user: '我换了新号码 {mobile}，旧号码 {mobile} 已经停用，帮我改一下绑定手机。',
    agent: '为保障账户安全，请在 App 中通过"账户安全-更换手机号"自助修改，需要验证新旧号码。',
  },
]
