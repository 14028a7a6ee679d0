package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

/**
 * The fields of an H.265 sequence parameter set that describe the picture (ITU-T H.265 section
 * 7.3.2.2.1, with profile_tier_level from 7.3.3): general profile and level, size and the
 * conformance window.
 */
final class HevcSps {
    static final int NAL_TYPE_SPS = 33;
    /** sps_max_sub_layers_minus1 is 3 bits but H.265 allows at most 6. */
    static final int MAX_SUB_LAYERS_MINUS1 = 6;

    private HevcSps() {
    }

    /** Parses the SPS NAL unit at {@code data[offset..offset+length)}, 2-byte NAL header included. */
    static VideoInfo parse(byte[] data, int offset, int length) {
        RbspReader r = new RbspReader(data, offset, length);
        r.skip(16, "nal_unit_header");
        r.skip(4, "sps_video_parameter_set_id");
        int maxSubLayersMinus1 = r.bits(3, "sps_max_sub_layers_minus1");
        if (maxSubLayersMinus1 > MAX_SUB_LAYERS_MINUS1) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "HEVC sps_max_sub_layers_minus1 " + maxSubLayersMinus1 + " exceeds " + MAX_SUB_LAYERS_MINUS1);
        }
        r.skip(1, "sps_temporal_id_nesting_flag");
        r.skip(2, "general_profile_space");
        r.skip(1, "general_tier_flag");
        int profileIdc = r.bits(5, "general_profile_idc");
        r.skip(32, "general_profile_compatibility_flags");
        r.skip(48, "general constraint flags");
        int levelIdc = r.bits(8, "general_level_idc");
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.flag("sub_layer_profile_present_flag");
            levelPresent[i] = r.flag("sub_layer_level_present_flag");
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2 * (8 - maxSubLayersMinus1), "reserved_zero_2bits");
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            r.skip(profilePresent[i] ? 88 : 0, "sub_layer profile");
            r.skip(levelPresent[i] ? 8 : 0, "sub_layer_level_idc");
        }
        r.ue("sps_seq_parameter_set_id");
        int chromaFormatIdc = r.ue("chroma_format_idc");
        boolean separateColourPlane = chromaFormatIdc == 3 && r.flag("separate_colour_plane_flag");
        int width = r.ue("pic_width_in_luma_samples");
        int height = r.ue("pic_height_in_luma_samples");
        if (r.flag("conformance_window_flag")) {
            // Table 6-1: SubWidthC and SubHeightC by chroma format.
            int chroma = separateColourPlane ? 0 : chromaFormatIdc;
            int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
            int subHeight = chroma == 1 ? 2 : 1;
            width -= subWidth * (r.ue("conf_win_left_offset") + r.ue("conf_win_right_offset"));
            height -= subHeight * (r.ue("conf_win_top_offset") + r.ue("conf_win_bottom_offset"));
        }
        return new VideoInfo("HEVC", profileName(profileIdc), levelName(levelIdc), width, height);
    }

    static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 1 -> "Main";
            case 2 -> "Main10";
            case 3 -> "MainStillPicture";
            case 4 -> "RExt";
            default -> "Other";
        };
    }

    /** general_level_idc is thirty times the level: 93 is 3.1, 120 is 4. */
    static String levelName(int levelIdc) {
        int tenths = levelIdc / 3;
        return tenths % 10 == 0 ? Integer.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }
}
