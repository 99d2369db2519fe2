/**
 * Words a password strength estimate (lib/passwords.ts) must know beyond zxcvbn's English lists:
 * what Chinese users pick. Each list runs from the most to the least common, as the estimator
 * ranks a word by its position. Lower case; zxcvbn also tries them reversed, capitalised and
 * with l33t substitutions, and finds them inside longer passwords ("woaini1314" = woaini + 1314).
 * Sources: the public analyses of the 2011 CSDN, Tianya and 12306 leaks (number patterns, pinyin
 * phrases, keyboard runs), the most frequent Chinese names in pinyin, and the platform's own words.
 */

/** Passwords and fragments common in Chinese leaks: numbers with meanings (520 = 我爱你), pinyin phrases, keyboard runs. */
const PASSWORDS = [
  '123456', '123456789', '111111', '12345678', '000000', '11111111', '123123', '5201314', '123321', '1314520',
  '666666', '888888', '654321', '7758521', '112233', '11223344', '147258369', '1234567', 'woaini', 'a123456',
  '123456a', 'woaini1314', 'qq123456', '1qaz2wsx', '520520', '5211314', '1314521', 'abc123', 'aa123456', '123qwe',
  'qwe123', 'qweqwe', 'asd123', 'asdasd', 'zxcvbnm', 'qazwsx', 'iloveyou', '88888888', '147258', '159357',
  '521521', '1234qwer', 'qwer1234', 'a123123', 'woaini520', 'woaini521', 'wodemima', 'mima', 'mima123', 'nihao',
  'nihaoma', 'baobei', 'baobei520', 'laopo', 'laogong', 'laopo520', 'woainimama', 'woaibaba', 'aini1314', 'xiaobao',
  'xiaoxiao', 'tiantian', 'wangwang', 'shengri', 'zhongguo', 'china', 'beijing', 'shanghai', 'changsha', 'hunan',
  'admin', 'admin123', 'admin888', 'root', 'test123', 'ceshi', 'ceshi123', 'guest', 'mimamima', '584520',
  '7758258', '147852', '789456', '456789', '987654321', '963852741', '741852963', '159753', '135246', '246810',
  '1472583690', '0123456789', '9876543210', 'zxc123', 'zxcvbn', 'qwertyuiop', 'asdfghjkl', '1q2w3e4r', '1q2w3e', 'q1w2e3r4',
  'a1b2c3', 'woshishui', 'wodeai', 'yongyuan', 'xingfu', 'kuaile', 'pingan', 'meinv', 'shuaige', 'aini',
  '520', '1314', '521', '168', '518', '1688', '5188', '8888', '9999', '6666',
];

/** The most common Chinese surnames and full names in pinyin, and the names used as examples everywhere. */
const NAMES = [
  'zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'xiaoming', 'xiaohong', 'zhangwei', 'wangwei', 'wangfang', 'liwei',
  'liuwei', 'wangxiuying', 'lixiuying', 'zhangmin', 'lijing', 'zhangli', 'wangjing', 'wangli', 'zhangjing', 'lina',
  'wangqiang', 'zhangxiuying', 'wangmin', 'lijun', 'liuyang', 'zhangyong', 'zhangyan', 'zhangjie', 'lijie', 'wangyan',
  'wangjie', 'wangtao', 'liuna', 'wangfei', 'zhangtao', 'lihua', 'wangming', 'chenjing', 'liuying', 'chenwei',
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou',
  'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'gao', 'lin', 'luo',
  'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng',
  'zeng', 'xiao', 'tian', 'dong', 'yuan', 'pan', 'cai', 'jiang', 'yu', 'du',
  'ye', 'cheng', 'wei', 'su', 'lv', 'ding', 'ren', 'shen', 'yao', 'lu',
  'cui', 'zhong', 'tan', 'fan', 'jin', 'shi', 'liao', 'jia', 'xia', 'fu',
  'fang', 'bai', 'zou', 'meng', 'xiong', 'qin', 'qiu', 'yin', 'xue', 'yan',
  'duan', 'lei', 'hou', 'long', 'tao', 'gu', 'mao', 'hao', 'gong', 'shao',
  'wan', 'qian', 'dai', 'mo', 'kong', 'xiang', 'ouyang', 'shangguan', 'situ', 'zhuge',
];

/** The platform's own words: its city, counties, office and the system — what an officer reaches for first. */
const PLATFORM = [
  'chenzhou', 'czzj', 'admin', 'administrator', 'zhijian', 'zhiliang', 'xingchen', 'zhiliangxingchen', 'zlxc', 'chenzhoushi',
  'czzl', 'zhijianju', 'shichangjianguan', 'scjg', 'jianguan', 'guanli', 'guanliyuan', 'xitong', 'pingtai', 'quality',
  'hunansheng', 'beihu', 'suxian', 'guiyang', 'yizhang', 'yongxing', 'jiahe', 'linwu', 'rucheng', 'guidong',
  'anren', 'zixing', 'dongjiang', 'mangshan', 'feitianshan', '0735', '431000', 'zhengfu', 'gongzuo', 'bangong',
];

export const CHINESE_PASSWORD_WORDS = { 'passwords-zh': PASSWORDS, 'names-zh': NAMES, 'platform-zh': PLATFORM };
