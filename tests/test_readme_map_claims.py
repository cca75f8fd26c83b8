"""Every statement the README makes about the map is backed by a named test.

The README's sections "The map" (with the plain base map's paragraph) and "Embedding and
linking" are cut into sentences (and table rows). Each sentence must contain one of the claim
substrings of ``CLAIMS``, which names the tests that check it, or of ``NOT_CLAIMS`` (advice, not
a behaviour). Every substring must still be in the README, and every test named must exist, so
a sentence added, reworded or left behind by a deleted test fails here until the mapping follows.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("The map", "Embedding and linking")

L = "tests/test_map_layout.py::"
A = "tests/test_map_a11y.py::"
B = "tests/test_map_browser.py::"
F = "tests/test_map_framing.py::"
T = "tests/test_map_text.py::"
G = "tests/test_map_languages.py::"
P = "tests/test_map_plain.py::"
PL = "tests/test_map_plain_land.py::"
R = "tests/test_map_render.py::"
D = "tests/test_map_downloads.py::"
K = "tests/test_map_bulk.py::"
E = "tests/test_map_embed.py::"
M = "tests/test_map_permalink.py::"
BM = "tests/test_basemap.py::"
BF = "tests/test_basemap_finer.py::"

#: A substring of a README sentence → the tests that check what it says.
CLAIMS: dict[str, tuple[str, ...]] = {
    # ---- The map: first view and panel
    "tells the article's story at a glance": (
        L + "test_the_first_view_shows_the_story_subject",
        L + "test_both_parks_are_large_and_labelled_at_1280",
        R + "test_the_map_opens_on_the_story_subject",
        B + "test_the_minimap_follows_the_base_map",
    ),
    "**One panel** beside the map holds the story": (
        R + "test_story_links_its_source",
        B + "test_the_panel_lists_every_overlay_under_its_layer",
        B + "test_every_platform_is_drawn_in_its_colour",
        B + "test_panel_shows_the_numbers_of_geo_check",
        T + "test_the_reader_reads_names_and_numbers_in_their_language",
    ),
    "It folds to its title bar with one button": (
        L + "test_controls_stay_apart_with_the_panel_folded_and_unfolded",
    ),
    "On a phone it is a bottom sheet": (
        L + "test_the_phone_sheet_opens_and_closes",
        L + "test_the_panel_is_a_sheet_under_641_px_wide_and_folded_under_600_px_high",
    ),
    "**The tools** stay small": (
        B + "test_every_control_is_on_the_page",
        R + "test_both_base_maps_with_attribution",
        B + "test_measuring_does_not_move_the_map",
        B + "test_a_drawn_polygon_is_exported_as_geojson",
        B + "test_export_with_nothing_drawn_says_so",
        L + "test_controls_never_overlap_and_each_is_reachable",
    ),
    "A scale bar, the pointer's position": (
        B + "test_every_control_is_on_the_page",
        B + "test_mouse_position_is_empty_until_the_pointer_is_on_the_map",
        B + "test_the_minimap_follows_the_base_map",
    ),
    "Controls never overlap each other or the panel": (
        L + "test_controls_never_overlap_and_each_is_reachable",
        L + "test_the_map_is_mostly_uncovered_at_first_view",
    ),
    "Hover: name in English and Chinese": (B + "test_hovering_a_platform_shows_stated_and_computed_areas",),
    "Click (or Enter): every stated figure with its source": (
        B + "test_clicking_a_platform_opens_its_popup",
        A + "test_tab_reaches_the_hong_kong_park_by_name_and_enter_shows_its_figures",
        T + "test_the_reader_reads_names_and_numbers_in_their_language",
        L + "test_details_open_wholly_on_screen_clear_of_the_panel",
        L + "test_the_sheet_with_details_leaves_the_subject_in_sight",
    ),
    "One tooltip at a time": (A + "test_one_tooltip_at_a_time",),
    "**Names on the map**": (
        L + "test_names_never_overlap_at_any_zoom",
        F + "test_go_to_frames_every_place_clear_of_the_note_and_the_tools_and_names_stay_apart",
        F + "test_no_park_is_hidden_under_names_at_any_zoom",
        B + "test_labels_show_once_zoomed_to_the_hetao_zone",
        F + "test_a_name_with_no_room_waits_hidden_until_there_is_room",
    ),
    "**Go to** fits a place into the largest rectangle": (
        F + "test_go_to_frames_every_place_clear_of_the_note_and_the_tools_and_names_stay_apart",
        L + "test_go_to_fits_the_place_into_the_uncovered_map",
    ),
    "**Go to → Hetao zone** (the story's layer) gives the first view": (
        F + "test_go_to_frames_every_place_clear_of_the_note_and_the_tools_and_names_stay_apart",
        P + "test_a_view_the_reader_moved_stays_when_the_note_appears",
    ),
    # ---- For every reader
    "each feature is a button for the keyboard": (
        A + "test_every_bundled_feature_is_a_named_button",
        A + "test_tab_reaches_the_hong_kong_park_by_name_and_enter_shows_its_figures",
        A + "test_tab_never_lands_on_a_feature_out_of_sight",
    ),
    "Enter or Space opens its details, Escape closes them": (
        A + "test_tab_reaches_the_hong_kong_park_by_name_and_enter_shows_its_figures",
        A + "test_space_opens_the_details_too",
        A + "test_on_a_phone_enter_opens_the_details_in_the_sheet_and_escape_gives_focus_back",
    ),
    "Icon tools are named buttons that announce their state": (
        A + "test_icon_controls_are_named_buttons_with_their_state",
        A + "test_zoom_buttons_say_when_they_are_disabled",
        A + "test_focus_is_visible",
        A + "test_touch_targets_are_at_least_24_px",
        A + "test_touch_targets_are_at_least_24_px_on_a_phone",
    ),
    "Chinese text is marked `zh-Hant`": (
        A + "test_every_chinese_text_has_its_lang",
        R + "test_chinese_names_carry_their_script",
        A + "test_landmarks_and_pinch_zoom",
        R + "test_page_allows_zooming_and_has_landmarks",
    ),
    "The checks table is the text alternative of the whole map": (
        A + "test_the_checks_are_the_map_text_alternative",
        K + "test_bulk_layer_has_a_text_alternative_in_the_panel",
        A + "test_axe_finds_nothing_at_first_view_and_with_details_open",
        A + "test_axe_finds_nothing_in_the_phone_sheet_with_the_checks_unfolded",
        G + "test_axe_finds_nothing_in_traditional_chinese",
    ),
    "gets a map that jumps where it would glide": (
        A + "test_the_map_moves_at_once_for_a_reader_who_asked_for_reduced_motion",
    ),
    "open the map as a reader who asked for reduced motion": (
        A + "test_the_map_moves_at_once_for_a_reader_who_asked_for_reduced_motion",
        F + "test_go_to_frames_every_place_clear_of_the_note_and_the_tools_and_names_stay_apart",
    ),
    # ---- Three languages
    "**Three languages**": (G + "test_switching_changes_everything_the_map_says",),
    "Everything the map says changes": (
        G + "test_switching_changes_everything_the_map_says",
        G + "test_measuring_speaks_the_language",
        G + "test_drawing_speaks_the_language",
        T + "test_the_reader_reads_names_and_numbers_in_their_language",
    ),
    "The first language is the browser's": (
        G + "test_the_first_language_is_the_browsers",
        G + "test_a_query_chooses_the_language_too",
        G + "test_the_url_keeps_the_language_and_the_link_restores_it",
    ),
    "The page carries its texts in all three languages once": (
        G + "test_every_language_is_in_the_page_once",
    ),
    # ---- Builds, data, safety, notebook
    "Two builds of the same layers are byte-identical": (
        R + "test_render_html_twice_is_byte_identical",
        R + "test_cli_build_twice_is_byte_identical",
        P + "test_two_self_contained_builds_are_byte_identical",
    ),
    "**Features (GeoJSON)** saves": (
        D + "test_the_geojson_download_reads_back_with_the_same_features_and_report",
    ),
    "`Atlas.load(folder)` reads it back": (
        D + "test_the_features_layer_reads_back_with_the_same_features_and_report",
        D + "test_the_geojson_download_reads_back_with_the_same_features_and_report",
    ),
    "**Checks (CSV)** saves": (D + "test_the_csv_download_is_the_bytes_of_check_format_csv",),
    "Both are built in the page from data it carries": (
        D + "test_the_geojson_download_reads_back_with_the_same_features_and_report",
        D + "test_the_csv_download_is_the_bytes_of_check_format_csv",
    ),
    "The CSV is safe to open in a spreadsheet": (
        D + "test_a_hostile_layer_downloads_as_plain_neutralised_data",
        D + "test_the_csv_payload_holds_the_report_rows_as_values",
    ),
    "Layers drawn in bulk (below) are not in the GeoJSON": (
        D + "test_bulk_layers_and_the_claims_about_them_are_left_out_of_the_geojson",
    ),
    "Text from the data never runs": (
        R + "test_payload_in_names_only_appears_as_escaped_json",
        R + "test_payload_in_names_reaches_the_panel_as_data_not_markup",
        R + "test_javascript_url_never_becomes_a_link",
        R + "test_http_url_is_kept_as_a_link",
        "tests/test_map_script.py::test_the_script_builds_no_markup_from_strings",
    ),
    "Browser tests load layers whose every text field carries": (
        B + "test_hostile_layer_runs_nothing_and_shows_its_text",
    ),
    "In Jupyter, `atlas.to_map()` shows the same map": (
        L + "test_the_notebook_view_is_self_contained_and_laid_out_for_its_cell",
        R + "test_notebook_view_says_nothing_when_its_assets_are_cached",
    ),
    "The layout, framing, names, keyboard and axe-core checks run in headless Chromium": (
        L + "test_controls_never_overlap_and_each_is_reachable",
        F + "test_go_to_frames_every_place_clear_of_the_note_and_the_tools_and_names_stay_apart",
        A + "test_axe_finds_nothing_at_first_view_and_with_details_open",
    ),
    "`GBA_ATLAS_PREVIEW=1` keeps their first views": (
        L + "test_preview_of_the_first_view",
        G + "test_preview_in_traditional_chinese",
    ),
    "Layers of more than 200 polygons": (
        K + "test_only_large_polygon_layers_are_drawn_in_bulk",
        K + "test_encoding_round_trips_multipolygons_and_holes_within_a_tenth_of_a_metre",
        K + "test_bulk_layer_is_one_overlay_one_legend_entry_and_exact_vertices",
        K + "test_bulk_layer_draws_and_explains_a_feature_on_hover",
    ),
    # ---- The plain base map
    '**The plain base map ("Plain", 簡圖)**': (
        BM + "test_the_payload_holds_land_borders_cities_bounds_and_the_credit",
        BM + "test_eleven_cities_each_named_in_three_languages_inside_the_view",
        P + "test_offline_land_water_and_the_hong_kong_boundary_in_their_colours",
    ),
    "It is the third base map in the base-map control": (
        R + "test_both_base_maps_with_attribution",
        P + "test_offline_the_first_view_is_the_plain_map_with_a_quiet_note",
        P + "test_tiles_that_never_answer_give_way_to_the_plain_map_within_seconds",
        P + "test_tiles_that_load_slowly_but_load_keep_the_tile_map",
    ),
    "A quiet line beside the attribution then says": (
        P + "test_offline_the_first_view_is_the_plain_map_with_a_quiet_note",
        P + "test_choosing_a_tile_map_again_takes_the_note_and_the_credit_away",
    ),
    "Water is the map's background (#aad3df)": (
        P + "test_offline_land_water_and_the_hong_kong_boundary_in_their_colours",
        P + "test_the_cities_are_named_in_english_and_can_switch_language",
    ),
    "The land and the boundaries are [Natural Earth]": (
        BM + "test_land_is_the_union_of_the_three_clipped_to_the_view",
        BM + "test_the_payload_holds_land_borders_cities_bounds_and_the_credit",
        BM + "test_real_payload_is_small_and_the_same_every_time",
    ),
    "The self-contained map always carries it": (
        P + "test_the_self_contained_map_carries_it_and_stays_under_a_megabyte",
        P + "test_a_self_contained_build_without_natural_earth_fails_in_one_line",
        P + "test_without_the_file_in_the_cache_a_map_has_no_plain_base_map",
    ),
    "Natural Earth alone is too coarse for the story": (
        BF + "test_nansha_landmarks_are_land_and_natural_earth_alone_was_not_enough",
        BM + "test_real_hong_kong_boundary_runs_along_the_shenzhen_river",
    ),
    "the project refines it with shapes of its own": (
        BF + "test_every_patch_has_a_known_kind_a_valid_shape_and_names_its_facts",
        BF + "test_the_boundary_keeps_its_far_end_and_follows_the_river_to_its_mouth",
    ),
    "The Hong Kong–Mainland boundary follows the Shenzhen River's centre line": (
        BF + "test_the_river_boundary_is_the_layers_line_read_not_copied",
        BF + "test_the_river_runs_north_east_of_the_loop_where_the_sources_put_it",
        BF + "test_the_hong_kong_boundary_runs_along_the_river_past_the_parks",
    ),
    "Land patches are added to Natural Earth's land": (
        BF + "test_land_patches_are_added_and_water_carved_after",
    ),
    "`tests/test_basemap_finer.py` samples points inside each platform": (
        BF + "test_points_inside_each_platform_are_land",
        PL + "test_the_first_and_each_go_to_view_show_land_under_the_platforms",
    ),
    "Nansha's 803 km² take in its waterways": (
        BF + "test_nansha_landmarks_are_land_and_natural_earth_alone_was_not_enough",
        PL + "test_the_first_and_each_go_to_view_show_land_under_the_platforms",
    ),
    "Macao's boundary is the part of its Natural Earth outline": (
        BM + "test_hong_kong_boundary_is_the_shared_arc_and_macao_the_outline_facing_the_mainland",
    ),
    "The city points are ours": (
        BM + "test_eleven_cities_each_named_in_three_languages_inside_the_view",
        BM + "test_cities_are_spread_out_not_piled_on_one_spot",
    ),
    'The map credits "Natural Earth (public domain)" while the plain base map is shown': (
        P + "test_offline_the_first_view_is_the_plain_map_with_a_quiet_note",
        P + "test_choosing_a_tile_map_again_takes_the_note_and_the_credit_away",
    ),
    # ---- Embedding and linking
    "The map keeps its view in the URL's fragment": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "Press **Copy link** under the language buttons": (
        M + "test_copy_link_puts_the_link_on_the_clipboard",
        M + "test_without_a_clipboard_the_link_is_shown_selected",
        E + "test_copy_link_in_a_frame_without_the_clipboard_shows_the_link",
    ),
    "For example `map.html#lang=zh-Hant": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "| `lang` |": (
        G + "test_the_url_keeps_the_language_and_the_link_restores_it",
        G + "test_a_query_chooses_the_language_too",
    ),
    "| `c` |": (
        M + "test_a_link_opens_the_map_as_it_was_left",
        M + "test_panning_replaces_the_url_rather_than_adding_history",
    ),
    "| `z` |": (M + "test_a_link_opens_the_map_as_it_was_left", R + "test_both_base_maps_with_attribution"),
    "| `base` |": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "| `off` |": (
        M + "test_a_link_opens_the_map_as_it_was_left",
        "tests/test_permalink_element.py::test_the_rows_ids_and_the_call_come_before_the_panel_and_the_first_view",
    ),
    "| `f` |": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "It works from a file and when the map is served": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "The URL is rewritten in place": (M + "test_panning_replaces_the_url_rather_than_adding_history",),
    "Other fragment parameters stay": (M + "test_panning_replaces_the_url_rather_than_adding_history",),
    "`c` and `z` go together": (M + "test_a_hostile_fragment_leaves_the_first_view",),
    "Anything the map does not have": (M + "test_a_hostile_fragment_leaves_the_first_view",),
    "A map that fell back to the plain base map because its tiles could not load says `base=plain`": (
        P + "test_choosing_a_tile_map_again_takes_the_note_and_the_credit_away",
        M + "test_a_link_opens_the_map_as_it_was_left",
    ),
    "A link pasted into the same tab is applied at once": (M + "test_a_pasted_link_moves_the_open_map",),
    "Changing the language keeps the details open": (M + "test_a_link_opens_the_map_as_it_was_left",),
    "A page has one fragment": (M + "test_only_the_first_map_of_a_page_keeps_its_view_in_the_url",),
    "A notebook's map (an `<iframe srcdoc>`) keeps none": (
        M + "test_a_notebooks_map_keeps_no_view_in_any_url",
    ),
    "**Embedding.** The map works inside an `<iframe>` as small as 600×400": (
        E + "test_the_embedded_map_passes_the_layout_checks",
        E + "test_the_opened_sheet_is_readable_in_the_frame",
        L + "test_the_panel_is_a_sheet_under_641_px_wide_and_folded_under_600_px_high",
    ),
    "A responsive frame, 3:2 and never under 400 px high": (E + "test_the_readme_snippet_frames_the_map",),
    '`allow="clipboard-write"` lets **Copy link** work in the frame': (
        E + "test_copy_link_in_a_frame_allowed_the_clipboard_copies_the_maps_link",
        E + "test_a_link_works_inside_the_frame",
    ),
}

#: Sentences that advise rather than state what the map does, and why no test can hold them.
NOT_CLAIMS: dict[str, str] = {
    "Away from these places the data is coarse": "advice on what the data is good for",
}


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def section_text() -> str:
    """The README's map sections, one after the other."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = []
    for title in SECTIONS:
        start = readme.index(f"\n## {title}\n")
        end = readme.index("\n## ", start + 1)
        parts.append(readme[start + len(title) + 5 : end])
    return "\n\n".join(parts)


def sentences(body: str) -> list[str]:
    """The sentences of ``body`` (bullets' and paragraphs'), and its tables' rows; no code or images."""
    body = re.sub(r"```.*?```", "", body, flags=re.S)
    body = re.sub(r"<img [^>]*>", "", body)
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=- )", body):
        lines = block.strip().splitlines()
        if lines and lines[0].startswith("|"):
            out += lines[2:]  # the header and its rule say nothing
            continue
        flat = re.sub(r"^- ", "", " ".join(line.strip() for line in lines))
        out += [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z*`(\"])", flat) if s.strip()]
    return out


def test_every_sentence_about_the_map_names_its_tests() -> None:
    keys = [normalised(k) for k in (*CLAIMS, *NOT_CLAIMS)]
    found = sentences(section_text())
    assert len(found) > 60, "the README's map sections were not found or not split"
    unbacked = [s for s in found if not any(k in normalised(s) for k in keys)]
    assert unbacked == [], "README sentences with no test listed in CLAIMS:\n" + "\n".join(unbacked)


def test_every_listed_claim_is_still_in_the_readme() -> None:
    text = normalised(section_text())
    stale = [k for k in (*CLAIMS, *NOT_CLAIMS) if normalised(k) not in text]
    assert stale == []


@cache
def functions_in(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in tree.body if isinstance(node, ast.FunctionDef))


def test_every_listed_test_exists() -> None:
    missing = []
    for node_ids in CLAIMS.values():
        assert node_ids, "a claim with no test"
        for node_id in node_ids:
            path, _, name = node_id.partition("::")
            if not (ROOT / path).is_file() or name not in functions_in(path):
                missing.append(node_id)
    assert missing == []
