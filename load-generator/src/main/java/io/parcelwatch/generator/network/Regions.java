package io.parcelwatch.generator.network;

import static io.parcelwatch.generator.network.Area.*;
import static io.parcelwatch.generator.network.Zone.*;

import java.util.List;

/**
 * The provinces the synthetic network covers, with public facts (main city and its coordinates,
 * economic belt) and rough weights for where parcels start and end. The first seven entries cover
 * every geographic area, so even a small network has central, western and north-eastern hubs.
 */
public final class Regions {
    private Regions() {}

    public static final List<Region> CATALOG = List.of(
            // id, code, name, city, lat, lon, zone, area, shipper, recipient, rural, hubs
            new Region("CN-GD", "GD", "广东省", "广州市", 23.13, 113.26, EASTERN, SOUTH, 18, 12.6, 0.15, 4),
            new Region("CN-SH", "SH", "上海市", "上海市", 31.23, 121.47, EASTERN, EAST, 8, 2.5, 0.05, 3),
            new Region("CN-BJ", "BJ", "北京市", "北京市", 39.90, 116.40, EASTERN, NORTH, 5, 2.2, 0.08, 2),
            new Region("CN-HB", "HB", "湖北省", "武汉市", 30.59, 114.31, Zone.CENTRAL, Area.CENTRAL, 2.5, 5.8, 0.30, 2),
            new Region("CN-SC", "SC", "四川省", "成都市", 30.57, 104.07, WESTERN, SOUTHWEST, 3, 8.4, 0.40, 2),
            new Region("CN-SN", "SN", "陕西省", "西安市", 34.34, 108.94, WESTERN, NORTHWEST, 1.2, 4.0, 0.40, 1),
            new Region("CN-LN", "LN", "辽宁省", "沈阳市", 41.81, 123.43, NORTHEASTERN, NORTHEAST, 1.5, 4.3, 0.30, 1),
            new Region("CN-ZJ", "ZJ", "浙江省", "杭州市", 30.27, 120.15, EASTERN, EAST, 14, 6.5, 0.15, 3),
            new Region("CN-JS", "JS", "江苏省", "南京市", 32.06, 118.80, EASTERN, EAST, 9, 8.5, 0.18, 3),
            new Region("CN-HA", "HA", "河南省", "郑州市", 34.75, 113.62, Zone.CENTRAL, Area.CENTRAL, 3, 9.9, 0.35, 2),
            new Region("CN-SD", "SD", "山东省", "济南市", 36.65, 117.12, EASTERN, EAST, 5, 10.2, 0.25, 2),
            new Region("CN-FJ", "FJ", "福建省", "福州市", 26.07, 119.30, EASTERN, EAST, 4, 4.2, 0.20, 2),
            new Region("CN-CQ", "CQ", "重庆市", "重庆市", 29.56, 106.55, WESTERN, SOUTHWEST, 1.5, 3.2, 0.35, 1),
            new Region("CN-HN", "HN", "湖南省", "长沙市", 28.23, 112.94, Zone.CENTRAL, Area.CENTRAL, 2, 6.6, 0.35, 1),
            new Region("CN-AH", "AH", "安徽省", "合肥市", 31.82, 117.23, Zone.CENTRAL, EAST, 2.5, 6.1, 0.35, 1),
            new Region("CN-HE", "HE", "河北省", "石家庄市", 38.04, 114.51, EASTERN, NORTH, 2.5, 7.5, 0.30, 1),
            new Region("CN-TJ", "TJ", "天津市", "天津市", 39.08, 117.20, EASTERN, NORTH, 1.5, 1.4, 0.10, 1),
            new Region("CN-JX", "JX", "江西省", "南昌市", 28.68, 115.86, Zone.CENTRAL, EAST, 1.5, 4.5, 0.35, 1),
            new Region("CN-SX", "SX", "山西省", "太原市", 37.87, 112.55, Zone.CENTRAL, NORTH, 1, 3.5, 0.35, 1),
            new Region("CN-GX", "GX", "广西壮族自治区", "南宁市", 22.82, 108.37, WESTERN, SOUTH, 1, 5.0, 0.45, 1),
            new Region("CN-YN", "YN", "云南省", "昆明市", 25.04, 102.71, WESTERN, SOUTHWEST, 0.8, 4.7, 0.50, 1),
            new Region("CN-GZ", "GZ", "贵州省", "贵阳市", 26.65, 106.63, WESTERN, SOUTHWEST, 0.6, 3.9, 0.50, 1),
            new Region("CN-HL", "HL", "黑龙江省", "哈尔滨市", 45.80, 126.53, NORTHEASTERN, NORTHEAST, 0.6, 3.2, 0.35, 1),
            new Region("CN-JL", "JL", "吉林省", "长春市", 43.88, 125.32, NORTHEASTERN, NORTHEAST, 0.6, 2.4, 0.35, 1),
            new Region("CN-NM", "NM", "内蒙古自治区", "呼和浩特市", 40.84, 111.75, WESTERN, NORTH, 0.5, 2.4, 0.50, 1),
            new Region("CN-GS", "GS", "甘肃省", "兰州市", 36.06, 103.83, WESTERN, NORTHWEST, 0.4, 2.5, 0.55, 1),
            new Region("CN-XJ", "XJ", "新疆维吾尔自治区", "乌鲁木齐市", 43.83, 87.62, WESTERN, NORTHWEST, 0.4, 2.6, 0.55, 1),
            new Region("CN-HI", "HI", "海南省", "海口市", 20.04, 110.20, EASTERN, SOUTH, 0.4, 1.0, 0.30, 1));
}
