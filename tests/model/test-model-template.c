/* test-model-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tl-model.h"

static void
assert_cycle (TlDocument         *document,
              const char         *loop_id,
              const char * const *expected)
{
  TlLoop *loop = tl_document_lookup_loop (document, loop_id);

  g_assert_nonnull (loop);
  g_assert_cmpstrv (tl_loop_get_stations (loop), expected);
}

static void
test_o2o_structure (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  static const char * const station_ids[] = { "hub", "order", "production", "logistics",
                                              "experience", "wom", "pain", "culture", NULL };
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, 8);
  for (guint i = 0; station_ids[i]; i++)
    g_assert_nonnull (tl_document_lookup_station (document, station_ids[i]));

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_loops (document)), ==, 6);
  assert_cycle (document, "loop1", (const char *[]) { "order", "production", "logistics", "wom", NULL });
  assert_cycle (document, "loop2", (const char *[]) { "order", "production", "logistics", "experience", "wom", NULL });
  assert_cycle (document, "loop3", (const char *[]) { "pain", "production", "logistics", "experience", NULL });
  assert_cycle (document, "loop4", (const char *[]) { "order", "production", "logistics", "experience", "pain", NULL });
  assert_cycle (document, "loop5", (const char *[]) { "culture", "pain", "wom", NULL });
  assert_cycle (document, "loop6", (const char *[]) { "culture", "pain", NULL });

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_layers (document)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_types (document)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_cells (document)), ==, 35);

  /* Key touchpoints and experiences of DOMAIN.md §3 */
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_layer (document, "space")));
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_layer (document, "product")));
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_layer (document, "people")));
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_layer (document, "visual")));
  g_assert_false (tl_matrix_header_get_key (tl_document_lookup_layer (document, "media")));
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_type (document, "feel")));
  g_assert_true (tl_matrix_header_get_key (tl_document_lookup_type (document, "sense")));
  g_assert_false (tl_matrix_header_get_key (tl_document_lookup_type (document, "think")));
  g_assert_true (tl_cell_get_key (tl_document_lookup_cell (document, "people", "feel")));
  g_assert_false (tl_cell_get_key (tl_document_lookup_cell (document, "media", "feel")));

  problems = tl_document_check (document);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_o2o_cells_in_order (void)
{
  g_autoptr(TlDocument) document = tl_template_new_o2o ("en");
  GListModel *cells = tl_document_get_cells (document);
  g_autoptr(TlCell) first = g_list_model_get_item (cells, 0);
  g_autoptr(TlCell) sixth = g_list_model_get_item (cells, 5);
  g_autoptr(TlCell) last = g_list_model_get_item (cells, 34);

  g_assert_cmpstr (tl_cell_get_id (first), ==, "people/sense");
  g_assert_cmpstr (tl_cell_get_id (sixth), ==, "product/sense");
  g_assert_cmpstr (tl_cell_get_id (last), ==, "visual/relate");
}

static void
test_o2o_languages (void)
{
  g_autoptr(TlDocument) cn = tl_template_new_o2o ("zh_CN");
  g_autoptr(TlDocument) tw = tl_template_new_o2o ("zh_TW");
  g_autoptr(TlDocument) en = tl_template_new_o2o ("en");
  g_autoptr(TlDocument) bad = tl_template_new_o2o ("klingon");

  g_assert_cmpstr (tl_station_get_label (tl_document_lookup_station (cn, "logistics")), ==, "云物流");
  g_assert_cmpstr (tl_station_get_label (tl_document_lookup_station (tw, "logistics")), ==, "雲物流");
  g_assert_cmpstr (tl_station_get_label (tl_document_lookup_station (en, "logistics")), ==, "Cloud logistics (delivery)");
  g_assert_cmpstr (tl_matrix_header_get_label (tl_document_lookup_layer (tw, "space")), ==, "空間");
  g_assert_cmpstr (tl_loop_get_name (tl_document_lookup_loop (cn, "loop6")), ==, "店铺改良与产品试用");
  g_assert_cmpstr (tl_document_get_language (tw), ==, "zh_TW");
  g_assert_cmpstr (tl_document_get_language (bad), ==, "en");
}

static void
test_blank (void)
{
  g_autoptr(TlDocument) document = tl_template_new_blank ("zh_CN");

  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_stations (document)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_loops (document)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tl_document_get_cells (document)), ==, 35);
}

static void
test_language_from_locale (void)
{
  g_assert_cmpstr (tl_language_from_locale ("zh_CN.UTF-8"), ==, "zh_CN");
  g_assert_cmpstr (tl_language_from_locale ("zh_SG"), ==, "zh_CN");
  g_assert_cmpstr (tl_language_from_locale ("zh_TW.UTF-8"), ==, "zh_TW");
  g_assert_cmpstr (tl_language_from_locale ("zh_HK"), ==, "zh_TW");
  g_assert_cmpstr (tl_language_from_locale ("en_GB.UTF-8"), ==, "en");
  g_assert_cmpstr (tl_language_from_locale ("de_DE"), ==, "en");
  g_assert_cmpstr (tl_language_from_locale (NULL), ==, "en");
}

static void
test_domain_labels (void)
{
  g_assert_cmpstr (tl_stage_label ('C', "zh_CN"), ==, "顾客");
  g_assert_cmpstr (tl_stage_label ('F', "zh_TW"), ==, "夥伴");
  g_assert_cmpstr (tl_stage_label ('E', "en"), ==, "Friend");
  g_assert_null (tl_stage_label ('G', "en"));
  g_assert_cmpstr (tl_owner_team_label ("transaction", "zh_CN"), ==, "体验交易");
  g_assert_cmpstr (tl_owner_team_label ("Store ops", "zh_CN"), ==, "Store ops");
  g_assert_cmpuint (g_strv_length ((char **)tl_owner_team_ids ()), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tl/model/template/o2o-structure", test_o2o_structure);
  g_test_add_func ("/tl/model/template/o2o-cells-in-order", test_o2o_cells_in_order);
  g_test_add_func ("/tl/model/template/o2o-languages", test_o2o_languages);
  g_test_add_func ("/tl/model/template/blank", test_blank);
  g_test_add_func ("/tl/model/template/language-from-locale", test_language_from_locale);
  g_test_add_func ("/tl/model/template/domain-labels", test_domain_labels);

  return g_test_run ();
}
