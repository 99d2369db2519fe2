/**
 * Reference data seeded by the foundation migration. Frozen with it: later corrections are
 * made through the API (admins) or by a new migration, never by editing this file.
 * Regions: GB/T 2260 (stable 1994–2024 for 4310xx). Categories: SAMR and Hunan spot-check
 * catalogues (DOMAIN.md §7.2), grouped as the catalogues group them.
 */
export const REGIONS = [
  { code: '430000', name: '湖南省', name_en: 'Hunan Province', level: 'province', parent_code: null },
  { code: '431000', name: '郴州市', name_en: 'Chenzhou', level: 'city', parent_code: '430000' },
  { code: '431002', name: '北湖区', name_en: 'Beihu District', level: 'district', parent_code: '431000' },
  { code: '431003', name: '苏仙区', name_en: 'Suxian District', level: 'district', parent_code: '431000' },
  { code: '431021', name: '桂阳县', name_en: 'Guiyang County', level: 'county', parent_code: '431000' },
  { code: '431022', name: '宜章县', name_en: 'Yizhang County', level: 'county', parent_code: '431000' },
  { code: '431023', name: '永兴县', name_en: 'Yongxing County', level: 'county', parent_code: '431000' },
  { code: '431024', name: '嘉禾县', name_en: 'Jiahe County', level: 'county', parent_code: '431000' },
  { code: '431025', name: '临武县', name_en: 'Linwu County', level: 'county', parent_code: '431000' },
  { code: '431026', name: '汝城县', name_en: 'Rucheng County', level: 'county', parent_code: '431000' },
  { code: '431027', name: '桂东县', name_en: 'Guidong County', level: 'county', parent_code: '431000' },
  { code: '431028', name: '安仁县', name_en: 'Anren County', level: 'county', parent_code: '431000' },
  { code: '431081', name: '资兴市', name_en: 'Zixing', level: 'county_city', parent_code: '431000' },
];

/** The six key industries of policy §二(二), plus "other". */
export const INDUSTRIES = [
  { code: 'nonferrous', name: '有色冶金', name_en: 'Non-ferrous metallurgy', is_key: true },
  { code: 'electronics', name: '电子信息', name_en: 'Electronics and IT', is_key: true },
  { code: 'energy', name: '能源', name_en: 'Energy', is_key: true },
  { code: 'pharma_food', name: '医药食品', name_en: 'Pharmaceuticals and food', is_key: true },
  { code: 'building_materials', name: '新型建材', name_en: 'New building materials', is_key: true },
  { code: 'chem_machinery', name: '化工机械', name_en: 'Chemicals and machinery', is_key: true },
  { code: 'other', name: '其他', name_en: 'Other', is_key: false },
];

/** Departments that own indicators (policy §八). */
export const DEPARTMENTS = [
  { code: 'quality', name: '市质监局', name_en: 'Quality and Technical Supervision Bureau' },
  { code: 'housing', name: '市住建局', name_en: 'Housing and Urban-Rural Development Bureau' },
  { code: 'agriculture', name: '市农业局', name_en: 'Agriculture Bureau' },
  { code: 'commerce', name: '市商务局', name_en: 'Commerce Bureau' },
  { code: 'environment', name: '市环保局', name_en: 'Environmental Protection Bureau' },
  { code: 'statistics', name: '市统计局', name_en: 'Statistics Bureau' },
  { code: 'urban_mgmt', name: '市城管局', name_en: 'Urban Management Bureau' },
  { code: 'economy_it', name: '市经信委', name_en: 'Economy and Information Technology Commission' },
  { code: 'ciq', name: '郴州出入境检验检疫局', name_en: 'Entry-Exit Inspection and Quarantine Bureau' },
];

type Category = [group: string, industry: string, name: string, nameEn: string];
const FOOD = '食品相关产品';
const DAILY_CHEM = '日用化学制品及卫生用品';
const SUNDRY = '日用杂品';
const CHILD = '儿童和学生用品';
const TEXTILE = '服装鞋帽及家用纺织品';
const BUILD = '家具及建筑装饰装修材料';
const ELDER = '老年人用品';
const APPLIANCE = '家用电器及电器附件';
const ELECTRONIC = '电子及信息产品';
const INDUSTRIAL = '工业生产资料';
const AGRI = '农业生产资料';
const FIRE = '火灾防控产品';
const TRAFFIC = '交通及机动车相关产品';
const SECURITY = '安防产品';

export const PRODUCT_CATEGORIES: Category[] = [
  [FOOD, 'pharma_food', '食品用塑料包装容器工具等制品', 'Plastic food-contact packaging and utensils'],
  [FOOD, 'pharma_food', '食品用纸包装容器等制品', 'Paper food-contact packaging'],
  [FOOD, 'chem_machinery', '餐具洗涤剂', 'Dishwashing detergent'],
  [FOOD, 'building_materials', '日用陶瓷', 'Domestic ceramics'],
  [FOOD, 'other', '一次性竹木筷', 'Disposable bamboo and wooden chopsticks'],
  [FOOD, 'pharma_food', '复合膜袋', 'Laminated film bags'],
  [FOOD, 'pharma_food', 'PET瓶', 'PET bottles'],
  [FOOD, 'pharma_food', '婴幼儿用塑料奶瓶', 'Plastic feeding bottles'],
  [FOOD, 'pharma_food', '密胺塑料餐具', 'Melamine tableware'],
  [FOOD, 'pharma_food', '塑料一次性餐饮具', 'Disposable plastic tableware'],
  [FOOD, 'pharma_food', '纸杯', 'Paper cups'],
  [FOOD, 'building_materials', '玻璃食品瓶罐', 'Glass food jars and bottles'],
  [FOOD, 'nonferrous', '不锈钢真空杯', 'Stainless-steel vacuum cups'],
  [FOOD, 'nonferrous', '不锈钢餐厨具', 'Stainless-steel kitchenware'],
  [FOOD, 'nonferrous', '铝及铝合金不粘锅', 'Aluminium non-stick pans'],
  [FOOD, 'chem_machinery', '压力锅', 'Pressure cookers'],
  [FOOD, 'chem_machinery', '工业和商用电热电动食品加工设备', 'Commercial electric food-processing equipment'],
  [DAILY_CHEM, 'chem_machinery', '纸巾纸', 'Tissue paper'],
  [DAILY_CHEM, 'chem_machinery', '卫生巾（护垫）', 'Sanitary pads'],
  [DAILY_CHEM, 'chem_machinery', '家居清洁剂', 'Household cleaners'],
  [DAILY_CHEM, 'chem_machinery', '皂类产品', 'Soaps'],
  [SUNDRY, 'chem_machinery', '塑料购物袋', 'Plastic shopping bags'],
  [SUNDRY, 'chem_machinery', '烟花爆竹', 'Fireworks and firecrackers'],
  [SUNDRY, 'other', '眼镜类产品及其零部件', 'Spectacles and parts'],
  [CHILD, 'other', '儿童及婴幼儿服装', "Children's and infants' clothing"],
  [CHILD, 'other', '中小学校服', 'School uniforms'],
  [CHILD, 'other', '学生书包', 'School bags'],
  [CHILD, 'other', '学生文具', 'Student stationery'],
  [CHILD, 'other', '玩具', 'Toys'],
  [CHILD, 'other', '儿童家具', "Children's furniture"],
  [CHILD, 'electronics', '读写作业台灯', 'Reading desk lamps'],
  [CHILD, 'other', '婴儿纸尿裤', 'Baby diapers'],
  [TEXTILE, 'other', '床上用品', 'Bedding'],
  [TEXTILE, 'other', '休闲服饰', 'Casual wear'],
  [TEXTILE, 'other', '皮鞋', 'Leather shoes'],
  [TEXTILE, 'other', '冲锋衣', 'Outdoor jackets'],
  [BUILD, 'building_materials', '人造板', 'Wood-based panels'],
  [BUILD, 'building_materials', '实木复合地板', 'Engineered wood flooring'],
  [BUILD, 'building_materials', '陶瓷砖', 'Ceramic tiles'],
  [BUILD, 'building_materials', '内外墙涂料', 'Wall coatings'],
  [BUILD, 'building_materials', '防水涂料', 'Waterproof coatings'],
  [BUILD, 'other', '床垫', 'Mattresses'],
  [BUILD, 'building_materials', '建筑用绝缘电工套管', 'Insulating conduits for buildings'],
  [BUILD, 'chem_machinery', '民用阀门', 'Domestic valves'],
  [BUILD, 'chem_machinery', '水嘴', 'Taps'],
  [BUILD, 'building_materials', '防火保温材料', 'Fire-resistant insulation materials'],
  [BUILD, 'building_materials', '陶瓷坐便器', 'Ceramic toilets'],
  [BUILD, 'nonferrous', '铝合金建筑型材', 'Aluminium-alloy building profiles'],
  [ELDER, 'other', '老视成镜', 'Ready-made reading glasses'],
  [ELDER, 'other', '成人纸尿裤', 'Adult diapers'],
  [APPLIANCE, 'electronics', '电取暖器', 'Electric heaters'],
  [APPLIANCE, 'electronics', '插头插座', 'Plugs and sockets'],
  [APPLIANCE, 'electronics', '电热毯', 'Electric blankets'],
  [APPLIANCE, 'electronics', '电风扇', 'Electric fans'],
  [APPLIANCE, 'electronics', '吸油烟机', 'Range hoods'],
  [APPLIANCE, 'electronics', '家用电动洗衣机', 'Washing machines'],
  [APPLIANCE, 'electronics', '电冰箱', 'Refrigerators'],
  [ELECTRONIC, 'electronics', '电源适配器', 'Power adapters'],
  [ELECTRONIC, 'electronics', '移动电源', 'Power banks'],
  [ELECTRONIC, 'electronics', '固定式通用灯具', 'Fixed general-purpose luminaires'],
  [ELECTRONIC, 'electronics', '液晶显示器', 'LCD monitors'],
  [INDUSTRIAL, 'building_materials', '水泥', 'Cement'],
  [INDUSTRIAL, 'electronics', '电线电缆', 'Wires and cables'],
  [INDUSTRIAL, 'building_materials', '新型墙体材料', 'New wall materials'],
  [INDUSTRIAL, 'building_materials', '建筑防水卷材', 'Waterproofing membranes'],
  [INDUSTRIAL, 'building_materials', '安全玻璃', 'Safety glass'],
  [INDUSTRIAL, 'chem_machinery', '聚乙烯（PE）管材', 'PE pipes'],
  [INDUSTRIAL, 'chem_machinery', '危险化学品', 'Hazardous chemicals'],
  [INDUSTRIAL, 'chem_machinery', '危险化学品包装物及容器', 'Packaging for hazardous chemicals'],
  [INDUSTRIAL, 'other', '钢筋混凝土用热轧带肋钢筋', 'Hot-rolled ribbed steel bars'],
  [INDUSTRIAL, 'chem_machinery', '防爆电器', 'Explosion-proof electrical equipment'],
  [INDUSTRIAL, 'other', '特种劳动防护用品', 'Special personal protective equipment'],
  [INDUSTRIAL, 'nonferrous', '有色金属及合金制品', 'Non-ferrous metal and alloy products'],
  [AGRI, 'chem_machinery', '复合肥料', 'Compound fertilisers'],
  [AGRI, 'chem_machinery', '磷肥', 'Phosphate fertilisers'],
  [AGRI, 'pharma_food', '有机肥料', 'Organic fertilisers'],
  [AGRI, 'chem_machinery', '农用薄膜', 'Agricultural film'],
  [FIRE, 'chem_machinery', '灭火器', 'Fire extinguishers'],
  [FIRE, 'electronics', '消防应急灯具', 'Emergency lighting'],
  [FIRE, 'electronics', '火灾报警产品', 'Fire alarm products'],
  [TRAFFIC, 'chem_machinery', '电动自行车', 'Electric bicycles'],
  [TRAFFIC, 'chem_machinery', '汽车用制动器衬片', 'Vehicle brake linings'],
  [SECURITY, 'chem_machinery', '锁具', 'Locks'],
];
