package io.parcelwatch.generator.parcels;

import io.parcelwatch.generator.network.Facility;
import io.parcelwatch.generator.random.Rng;
import io.parcelwatch.schema.Recipient;

/** Synthetic recipients: Chinese names, mobile numbers (11 digits, 1[3-9]...), one-line addresses. */
public final class Recipients {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
            "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
            "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "文", "辉", "鹏", "婷", "雪", "宇", "浩", "欣", "佳", "晨"};
    private static final String[] DISTRICTS = {"城东区", "城西区", "高新区", "经开区", "新城区", "滨江区", "南湖区", "北山区"};
    private static final String[] ROADS = {"人民路", "解放路", "中山路", "建设路", "和平路", "长江路", "黄河路", "文化路", "幸福路",
            "光明街", "朝阳路", "新华路", "东风路", "青年路"};
    private static final String[] COUNTIES = {"东", "西", "南", "北", "安", "平", "清", "永", "长", "新"};
    private static final String[] VILLAGE = {"河", "山", "田", "桥", "塘", "岭", "湾", "坪"};

    private Recipients() {}

    public static Recipient create(Rng rng, Facility destinationOutlet) {
        String name = SURNAMES[rng.nextInt(SURNAMES.length)] + GIVEN[rng.nextInt(GIVEN.length)]
                + (rng.chance(0.6) ? GIVEN[rng.nextInt(GIVEN.length)] : "");
        char[] phone = new char[11];
        phone[0] = '1';
        phone[1] = (char) ('3' + rng.nextInt(7));
        for (int i = 2; i < 11; i++) {
            phone[i] = (char) ('0' + rng.nextInt(10));
        }
        var region = destinationOutlet.region();
        String province = region.name().equals(region.city()) ? region.name() : region.name() + region.city();
        String address;
        if (destinationOutlet.rural()) {
            address = province + COUNTIES[rng.nextInt(COUNTIES.length)] + COUNTIES[rng.nextInt(COUNTIES.length)] + "县"
                    + VILLAGE[rng.nextInt(VILLAGE.length)] + "口镇" + VILLAGE[rng.nextInt(VILLAGE.length)] + "头村"
                    + (1 + rng.nextInt(120)) + "号";
        } else {
            address = province + DISTRICTS[rng.nextInt(DISTRICTS.length)] + ROADS[rng.nextInt(ROADS.length)] + (1 + rng.nextInt(800)) + "号"
                    + (1 + rng.nextInt(30)) + "栋" + (1 + rng.nextInt(28)) + "0" + (1 + rng.nextInt(6)) + "室";
        }
        return new Recipient(name, new String(phone), address);
    }
}
