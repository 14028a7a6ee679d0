package dev.rill.codec.media;

/**
 * The fields of an H.264 sequence parameter set that describe the picture (ISO/IEC 14496-10
 * section 7.3.2.1.1): profile, level, size in macroblocks and the cropping window.
 */
final class AvcSps {
    private AvcSps() {
    }

    /** Parses the SPS NAL unit at {@code data[offset..offset+length)}, NAL header included. */
    static VideoInfo parse(byte[] data, int offset, int length) {
        RbspReader r = new RbspReader(data, offset, length);
        r.skip(8, "nal_unit_header");
        int profileIdc = r.bits(8, "profile_idc");
        r.skip(8, "constraint flags");
        int levelIdc = r.bits(8, "level_idc");
        r.ue("seq_parameter_set_id");
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.ue("chroma_format_idc");
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.flag("separate_colour_plane_flag");
            }
            r.ue("bit_depth_luma_minus8");
            r.ue("bit_depth_chroma_minus8");
            r.skip(1, "qpprime_y_zero_transform_bypass_flag");
            if (r.flag("seq_scaling_matrix_present_flag")) {
                skipScalingLists(r, chromaFormatIdc != 3 ? 8 : 12);
            }
        }
        r.ue("log2_max_frame_num_minus4");
        int pocType = r.ue("pic_order_cnt_type");
        if (pocType == 0) {
            r.ue("log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.skip(1, "delta_pic_order_always_zero_flag");
            r.se("offset_for_non_ref_pic");
            r.se("offset_for_top_to_bottom_field");
            int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.se("offset_for_ref_frame");
            }
        }
        r.ue("max_num_ref_frames");
        r.skip(1, "gaps_in_frame_num_value_allowed_flag");
        int widthMbs = r.ue("pic_width_in_mbs_minus1") + 1;
        int heightMapUnits = r.ue("pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
        if (!frameMbsOnly) {
            r.skip(1, "mb_adaptive_frame_field_flag");
        }
        r.skip(1, "direct_8x8_inference_flag");
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.flag("frame_cropping_flag")) {
            // Table 6-1 and equations 7-19..7-22: crop units depend on chroma subsampling.
            int chroma = separateColourPlane ? 0 : chromaFormatIdc;
            int cropUnitX = chroma == 0 ? 1 : chroma == 3 ? 1 : 2;
            int cropUnitY = (chroma == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            width -= cropUnitX * (r.ue("frame_crop_left_offset") + r.ue("frame_crop_right_offset"));
            height -= cropUnitY * (r.ue("frame_crop_top_offset") + r.ue("frame_crop_bottom_offset"));
        }
        return new VideoInfo("H264", profileName(profileIdc), levelName(levelIdc), width, height);
    }

    private static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingLists(RbspReader r, int count) {
        for (int i = 0; i < count; i++) {
            if (!r.flag("seq_scaling_list_present_flag")) {
                continue;
            }
            int size = i < 6 ? 16 : 64;
            int last = 8;
            int next = 8;
            for (int j = 0; j < size && next != 0; j++) {
                next = (last + r.se("delta_scale") + 256) % 256;
                last = next == 0 ? last : next;
            }
        }
    }

    /** The names SRS prints (srs_avc_profile2str). */
    static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 66 -> "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> "High(10)";
            case 122 -> "High(422)";
            case 244 -> "High(444)";
            default -> "Other";
        };
    }

    /** level_idc is ten times the level: 31 is 3.1, 30 is 3 (srs_avc_level2str). */
    static String levelName(int levelIdc) {
        return levelIdc % 10 == 0 ? Integer.toString(levelIdc / 10) : (levelIdc / 10) + "." + (levelIdc % 10);
    }
}
