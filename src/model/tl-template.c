/* tl-template.c
 *
 * The templates hold the document's own labels in all three document
 * languages, rather than going through gettext: a document's language is
 * chosen per document (touchloop-cli new --lang) and is independent of the
 * language the program runs in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-cell.h"
#include "tl-document.h"
#include "tl-loop.h"
#include "tl-matrix-header.h"
#include "tl-station.h"
#include "tl-template.h"

enum { LANG_ZH_CN, LANG_ZH_TW, LANG_EN, N_LANGS };

typedef struct {
  const char *text[N_LANGS];
} Label;

typedef struct {
  const char *id;
  const char *kind;
  double      x, y;
  Label       label;
} StationDef;

typedef struct {
  const char *id;
  const char *color;
  Label       name;
  const char *stations[7];
} LoopDef;

typedef struct {
  const char *id;
  gboolean    key;
  Label       label;
} HeaderDef;

/* Positions are in document units on a canvas of about 1200 × 800 with the
 * hub at the centre: online stations left, offline right and below. */
static const StationDef o2o_stations[] = {
  { "hub",        "hub",        600, 390, { { "微数分享平台（CRM）", "微數分享平台（CRM）", "Micro-data sharing platform (CRM)" } } },
  { "order",      "online",     240, 190, { { "线上订单", "線上訂單", "Online order (show, order, pay)" } } },
  { "production", "offline",    600, 110, { { "云生产", "雲生產", "Cloud production" } } },
  { "logistics",  "offline",    960, 190, { { "云物流", "雲物流", "Cloud logistics (delivery)" } } },
  { "experience", "offline",    990, 530, { { "线下体验", "線下體驗", "Offline experience" } } },
  { "wom",        "online",     210, 530, { { "口碑", "口碑", "Word of mouth (online sharing)" } } },
  { "pain",       "micro-data", 740, 680, { { "痛点", "痛點", "Pain point (customer needs, from the CRM)" } } },
  { "culture",    "offline",    440, 700, { { "文化体验", "文化體驗", "Cultural experience (the offline store)" } } },
};

/* Okabe–Ito colours: distinct for the common colour-vision deficiencies. */
static const LoopDef o2o_loops[] = {
  { "loop1", "#0072b2",
    { { "虚拟产品的销售", "虛擬產品的銷售", "Virtual product sales" } },
    { "order", "production", "logistics", "wom", NULL } },
  { "loop2", "#e69f00",
    { { "实物产品的销售", "實物產品的銷售", "Physical product sales" } },
    { "order", "production", "logistics", "experience", "wom", NULL } },
  { "loop3", "#009e73",
    { { "开放的互联网产品开发", "開放的互聯網產品開發", "Open product development with customers" } },
    { "pain", "production", "logistics", "experience", NULL } },
  { "loop4", "#cc79a7",
    { { "传统的产品销售与服务（产品微创新）", "傳統的產品銷售與服務（產品微創新）", "Traditional sales & service (product micro-innovation)" } },
    { "order", "production", "logistics", "experience", "pain", NULL } },
  { "loop5", "#d55e00",
    { { "线下的文化体验型店铺", "線下的文化體驗型店鋪", "Offline cultural-experience store" } },
    { "culture", "pain", "wom", NULL } },
  { "loop6", "#56b4e9",
    { { "店铺改良与产品试用", "店鋪改良與產品試用", "Store improvement & product trial" } },
    { "culture", "pain", NULL } },
};

/* DOMAIN.md §3: the key touchpoints are space, product and people, and the
 * most important experiences feel, sense and visual. */
static const HeaderDef layers[] = {
  { "people",  TRUE,  { { "人员", "人員", "People" } } },
  { "product", TRUE,  { { "产品", "產品", "Product" } } },
  { "space",   TRUE,  { { "空间", "空間", "Space" } } },
  { "media",   FALSE, { { "媒体传播沟通", "媒體傳播溝通", "Media & communication" } } },
  { "social",  FALSE, { { "社会化分享", "社會化分享", "Social sharing" } } },
  { "cobrand", FALSE, { { "共建品牌", "共建品牌", "Brand co-creation" } } },
  { "visual",  TRUE,  { { "视觉", "視覺", "Visual" } } },
};

static const HeaderDef types[] = {
  { "sense",  TRUE,  { { "感官体验", "感官體驗", "Sense" } } },
  { "feel",   TRUE,  { { "情感体验", "情感體驗", "Feel" } } },
  { "think",  FALSE, { { "思考体验", "思考體驗", "Think" } } },
  { "act",    FALSE, { { "行动体验", "行動體驗", "Act" } } },
  { "relate", FALSE, { { "关联体验", "關聯體驗", "Relate" } } },
};

static const Label o2o_title = { { "O2O 六闭环体验地图", "O2O 六閉環體驗地圖", "O2O six-loop experience map" } };
static const Label blank_title = { { "未命名体验地图", "未命名體驗地圖", "Untitled experience map" } };

static const char * const owner_ids[] = { "perception", "transaction", "communication", NULL };
static const Label owner_labels[] = {
  { { "用户感知", "用戶感知", "User perception" } },
  { { "体验交易", "體驗交易", "Experience transaction" } },
  { { "沟通服务", "溝通服務", "Communication service" } },
};

/* A B C D E F */
static const Label stage_labels[] = {
  { { "过客", "過客", "Passer-by" } },
  { { "看客", "看客", "Onlooker" } },
  { { "顾客", "顧客", "Customer" } },
  { { "会员", "會員", "Member" } },
  { { "朋友", "朋友", "Friend" } },
  { { "伙伴", "夥伴", "Partner" } },
};

static guint
lang_index (const char *language)
{
  if (g_strcmp0 (language, "zh_CN") == 0)
    return LANG_ZH_CN;
  if (g_strcmp0 (language, "zh_TW") == 0)
    return LANG_ZH_TW;
  return LANG_EN;
}

gboolean
tl_language_is_valid (const char *language)
{
  return g_strcmp0 (language, "zh_CN") == 0 ||
         g_strcmp0 (language, "zh_TW") == 0 ||
         g_strcmp0 (language, "en") == 0;
}

const char *
tl_language_from_locale (const char *locale)
{
  if (locale == NULL)
    return "en";

  if (g_str_has_prefix (locale, "zh"))
    {
      /* Traditional script: Taiwan, Hong Kong, Macau, or explicit Hant. */
      if (strstr (locale, "TW") || strstr (locale, "HK") || strstr (locale, "MO") ||
          strstr (locale, "Hant") || strstr (locale, "hant"))
        return "zh_TW";
      return "zh_CN";
    }

  return "en";
}

const char *
tl_language_from_environment (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh") || g_str_has_prefix (names[i], "en"))
        return tl_language_from_locale (names[i]);
      if (g_strcmp0 (names[i], "C") == 0)
        break;
    }

  return "en";
}

static void
add_matrix (TlDocument *document,
            guint       lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_autoptr(TlMatrixHeader) h = tl_matrix_header_new (TL_MATRIX_AXIS_LAYER, layers[i].id,
                                                          layers[i].label.text[lang], layers[i].key);
      tl_document_append_header (document, h);
    }

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(TlMatrixHeader) h = tl_matrix_header_new (TL_MATRIX_AXIS_TYPE, types[i].id,
                                                          types[i].label.text[lang], types[i].key);
      tl_document_append_header (document, h);
    }

  /* A cell is key where a key layer meets a key experience type. */
  for (guint l = 0; l < G_N_ELEMENTS (layers); l++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        g_autoptr(TlCell) cell = tl_cell_new (layers[l].id, types[t].id);

        tl_cell_set_key (cell, layers[l].key && types[t].key);
        tl_document_add_cell (document, cell);
      }
}

TlDocument *
tl_template_new_o2o (const char *language)
{
  TlDocument *document;
  guint lang;

  if (!tl_language_is_valid (language))
    language = "en";
  lang = lang_index (language);

  document = tl_document_new (language);
  tl_document_set_title (document, o2o_title.text[lang]);

  for (guint i = 0; i < G_N_ELEMENTS (o2o_stations); i++)
    {
      const StationDef *def = &o2o_stations[i];
      g_autoptr(TlStation) station = tl_station_new (def->id, def->kind, def->label.text[lang],
                                                     def->x, def->y);
      tl_document_insert_station (document, station, -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (o2o_loops); i++)
    {
      const LoopDef *def = &o2o_loops[i];
      g_autoptr(TlLoop) loop = tl_loop_new (def->id, def->name.text[lang], def->color, def->stations);
      tl_document_insert_loop (document, loop, -1);
    }

  add_matrix (document, lang);

  return document;
}

TlDocument *
tl_template_new_blank (const char *language)
{
  TlDocument *document;
  guint lang;

  if (!tl_language_is_valid (language))
    language = "en";
  lang = lang_index (language);

  document = tl_document_new (language);
  tl_document_set_title (document, blank_title.text[lang]);
  add_matrix (document, lang);

  return document;
}

const char * const *
tl_owner_team_ids (void)
{
  return owner_ids;
}

const char *
tl_owner_team_label (const char *id,
                     const char *language)
{
  for (guint i = 0; owner_ids[i] != NULL; i++)
    if (g_strcmp0 (owner_ids[i], id) == 0)
      return owner_labels[i].text[lang_index (language)];
  return id;
}

const char *
tl_stage_label (char        stage,
                const char *language)
{
  if (stage < 'A' || stage > 'F')
    return NULL;
  return stage_labels[stage - 'A'].text[lang_index (language)];
}
