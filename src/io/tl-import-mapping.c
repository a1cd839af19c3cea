/* tl-import-mapping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tl-import-error.h"
#include "tl-import-mapping.h"

#define MAPPINGS_FILE "import-mappings.ini"

static const char * const field_ids[TL_IMPORT_N_FIELDS] = {
  "ignore", "text", "date", "source", "stage", "rating", "respondent", "tags",
  "phase", "station", "loop", "layer", "type", "links",
};

static const char * const field_labels[TL_IMPORT_N_FIELDS] = {
  N_("Not imported"),
  N_("Text"),
  N_("Date"),
  N_("Source or channel"),
  N_("Customer stage"),
  N_("Rating"),
  N_("Respondent"),
  N_("Tags"),
  N_("Channel phase"),
  N_("Station (link)"),
  N_("Loop (link)"),
  N_("Touchpoint layer (link)"),
  N_("Experience type (link)"),
  N_("Links"),
};

/* Header names, folded as tl_value_fold() does (lower case, no spaces,
 * hyphens, underscores or dots). */
static const struct {
  const char    *name;
  TlImportField  field;
} header_names[] = {
  /* text */
  { "text", TL_IMPORT_FIELD_TEXT }, { "content", TL_IMPORT_FIELD_TEXT },
  { "contents", TL_IMPORT_FIELD_TEXT }, { "comment", TL_IMPORT_FIELD_TEXT },
  { "comments", TL_IMPORT_FIELD_TEXT }, { "review", TL_IMPORT_FIELD_TEXT },
  { "reviews", TL_IMPORT_FIELD_TEXT }, { "reviewtext", TL_IMPORT_FIELD_TEXT },
  { "feedback", TL_IMPORT_FIELD_TEXT }, { "body", TL_IMPORT_FIELD_TEXT },
  { "message", TL_IMPORT_FIELD_TEXT }, { "quote", TL_IMPORT_FIELD_TEXT },
  { "verbatim", TL_IMPORT_FIELD_TEXT }, { "response", TL_IMPORT_FIELD_TEXT },
  { "answer", TL_IMPORT_FIELD_TEXT }, { "opinion", TL_IMPORT_FIELD_TEXT },
  { "remark", TL_IMPORT_FIELD_TEXT }, { "remarks", TL_IMPORT_FIELD_TEXT },
  { "内容", TL_IMPORT_FIELD_TEXT }, { "內容", TL_IMPORT_FIELD_TEXT },
  { "评论", TL_IMPORT_FIELD_TEXT }, { "評論", TL_IMPORT_FIELD_TEXT },
  { "反馈", TL_IMPORT_FIELD_TEXT }, { "反饋", TL_IMPORT_FIELD_TEXT },
  { "回馈", TL_IMPORT_FIELD_TEXT }, { "回饋", TL_IMPORT_FIELD_TEXT },
  { "意见", TL_IMPORT_FIELD_TEXT }, { "意見", TL_IMPORT_FIELD_TEXT },
  { "评价", TL_IMPORT_FIELD_TEXT }, { "評價", TL_IMPORT_FIELD_TEXT },
  { "留言", TL_IMPORT_FIELD_TEXT }, { "文本", TL_IMPORT_FIELD_TEXT },
  { "正文", TL_IMPORT_FIELD_TEXT }, { "回答", TL_IMPORT_FIELD_TEXT },
  { "回复", TL_IMPORT_FIELD_TEXT }, { "回覆", TL_IMPORT_FIELD_TEXT },
  { "评论内容", TL_IMPORT_FIELD_TEXT }, { "評論內容", TL_IMPORT_FIELD_TEXT },
  { "反馈内容", TL_IMPORT_FIELD_TEXT }, { "反饋內容", TL_IMPORT_FIELD_TEXT },
  { "评价内容", TL_IMPORT_FIELD_TEXT }, { "評價內容", TL_IMPORT_FIELD_TEXT },
  { "意见反馈", TL_IMPORT_FIELD_TEXT }, { "意見反饋", TL_IMPORT_FIELD_TEXT },
  { "用户评论", TL_IMPORT_FIELD_TEXT }, { "用戶評論", TL_IMPORT_FIELD_TEXT },
  { "顾客评论", TL_IMPORT_FIELD_TEXT }, { "顧客評論", TL_IMPORT_FIELD_TEXT },
  /* date */
  { "date", TL_IMPORT_FIELD_DATE }, { "time", TL_IMPORT_FIELD_DATE },
  { "datetime", TL_IMPORT_FIELD_DATE }, { "timestamp", TL_IMPORT_FIELD_DATE },
  { "created", TL_IMPORT_FIELD_DATE }, { "createdat", TL_IMPORT_FIELD_DATE },
  { "submitted", TL_IMPORT_FIELD_DATE }, { "submittedat", TL_IMPORT_FIELD_DATE },
  { "submissiondate", TL_IMPORT_FIELD_DATE }, { "reviewdate", TL_IMPORT_FIELD_DATE },
  { "日期", TL_IMPORT_FIELD_DATE }, { "时间", TL_IMPORT_FIELD_DATE },
  { "時間", TL_IMPORT_FIELD_DATE }, { "日期时间", TL_IMPORT_FIELD_DATE },
  { "日期時間", TL_IMPORT_FIELD_DATE }, { "提交时间", TL_IMPORT_FIELD_DATE },
  { "提交時間", TL_IMPORT_FIELD_DATE }, { "创建时间", TL_IMPORT_FIELD_DATE },
  { "建立時間", TL_IMPORT_FIELD_DATE }, { "評論時間", TL_IMPORT_FIELD_DATE },
  { "评论时间", TL_IMPORT_FIELD_DATE }, { "评价时间", TL_IMPORT_FIELD_DATE },
  { "評價時間", TL_IMPORT_FIELD_DATE }, { "发布时间", TL_IMPORT_FIELD_DATE },
  { "發佈時間", TL_IMPORT_FIELD_DATE }, { "發布時間", TL_IMPORT_FIELD_DATE },
  /* source */
  { "source", TL_IMPORT_FIELD_SOURCE }, { "channel", TL_IMPORT_FIELD_SOURCE },
  { "platform", TL_IMPORT_FIELD_SOURCE }, { "origin", TL_IMPORT_FIELD_SOURCE },
  { "medium", TL_IMPORT_FIELD_SOURCE },
  { "来源", TL_IMPORT_FIELD_SOURCE }, { "來源", TL_IMPORT_FIELD_SOURCE },
  { "渠道", TL_IMPORT_FIELD_SOURCE }, { "通路", TL_IMPORT_FIELD_SOURCE },
  { "平台", TL_IMPORT_FIELD_SOURCE }, { "来源渠道", TL_IMPORT_FIELD_SOURCE },
  { "來源渠道", TL_IMPORT_FIELD_SOURCE }, { "渠道来源", TL_IMPORT_FIELD_SOURCE },
  { "出处", TL_IMPORT_FIELD_SOURCE }, { "出處", TL_IMPORT_FIELD_SOURCE },
  /* stage */
  { "stage", TL_IMPORT_FIELD_STAGE }, { "customerstage", TL_IMPORT_FIELD_STAGE },
  { "阶段", TL_IMPORT_FIELD_STAGE }, { "階段", TL_IMPORT_FIELD_STAGE },
  { "顾客阶段", TL_IMPORT_FIELD_STAGE }, { "顧客階段", TL_IMPORT_FIELD_STAGE },
  { "客户阶段", TL_IMPORT_FIELD_STAGE }, { "客戶階段", TL_IMPORT_FIELD_STAGE },
  { "用户阶段", TL_IMPORT_FIELD_STAGE }, { "用戶階段", TL_IMPORT_FIELD_STAGE },
  /* rating */
  { "rating", TL_IMPORT_FIELD_RATING }, { "score", TL_IMPORT_FIELD_RATING },
  { "stars", TL_IMPORT_FIELD_RATING }, { "star", TL_IMPORT_FIELD_RATING },
  { "nps", TL_IMPORT_FIELD_RATING }, { "grade", TL_IMPORT_FIELD_RATING },
  { "satisfaction", TL_IMPORT_FIELD_RATING },
  { "评分", TL_IMPORT_FIELD_RATING }, { "評分", TL_IMPORT_FIELD_RATING },
  { "分数", TL_IMPORT_FIELD_RATING }, { "分數", TL_IMPORT_FIELD_RATING },
  { "打分", TL_IMPORT_FIELD_RATING }, { "星级", TL_IMPORT_FIELD_RATING },
  { "星級", TL_IMPORT_FIELD_RATING }, { "满意度", TL_IMPORT_FIELD_RATING },
  { "滿意度", TL_IMPORT_FIELD_RATING }, { "得分", TL_IMPORT_FIELD_RATING },
  { "评级", TL_IMPORT_FIELD_RATING }, { "評級", TL_IMPORT_FIELD_RATING },
  /* respondent */
  { "respondent", TL_IMPORT_FIELD_RESPONDENT }, { "user", TL_IMPORT_FIELD_RESPONDENT },
  { "username", TL_IMPORT_FIELD_RESPONDENT }, { "userid", TL_IMPORT_FIELD_RESPONDENT },
  { "author", TL_IMPORT_FIELD_RESPONDENT }, { "reviewer", TL_IMPORT_FIELD_RESPONDENT },
  { "nickname", TL_IMPORT_FIELD_RESPONDENT }, { "customer", TL_IMPORT_FIELD_RESPONDENT },
  { "customerid", TL_IMPORT_FIELD_RESPONDENT }, { "member", TL_IMPORT_FIELD_RESPONDENT },
  { "受访者", TL_IMPORT_FIELD_RESPONDENT }, { "受訪者", TL_IMPORT_FIELD_RESPONDENT },
  { "用户", TL_IMPORT_FIELD_RESPONDENT }, { "用戶", TL_IMPORT_FIELD_RESPONDENT },
  { "顾客", TL_IMPORT_FIELD_RESPONDENT }, { "顧客", TL_IMPORT_FIELD_RESPONDENT },
  { "客户", TL_IMPORT_FIELD_RESPONDENT }, { "客戶", TL_IMPORT_FIELD_RESPONDENT },
  { "昵称", TL_IMPORT_FIELD_RESPONDENT }, { "暱稱", TL_IMPORT_FIELD_RESPONDENT },
  { "用户名", TL_IMPORT_FIELD_RESPONDENT }, { "用戶名", TL_IMPORT_FIELD_RESPONDENT },
  { "作者", TL_IMPORT_FIELD_RESPONDENT }, { "会员", TL_IMPORT_FIELD_RESPONDENT },
  { "會員", TL_IMPORT_FIELD_RESPONDENT }, { "评论者", TL_IMPORT_FIELD_RESPONDENT },
  { "評論者", TL_IMPORT_FIELD_RESPONDENT }, { "姓名", TL_IMPORT_FIELD_RESPONDENT },
  /* tags */
  { "tags", TL_IMPORT_FIELD_TAGS }, { "tag", TL_IMPORT_FIELD_TAGS },
  { "keywords", TL_IMPORT_FIELD_TAGS }, { "keyword", TL_IMPORT_FIELD_TAGS },
  { "topics", TL_IMPORT_FIELD_TAGS }, { "topic", TL_IMPORT_FIELD_TAGS },
  { "category", TL_IMPORT_FIELD_TAGS }, { "categories", TL_IMPORT_FIELD_TAGS },
  { "标签", TL_IMPORT_FIELD_TAGS }, { "標籤", TL_IMPORT_FIELD_TAGS },
  { "标记", TL_IMPORT_FIELD_TAGS }, { "標記", TL_IMPORT_FIELD_TAGS },
  { "关键词", TL_IMPORT_FIELD_TAGS }, { "關鍵詞", TL_IMPORT_FIELD_TAGS },
  { "话题", TL_IMPORT_FIELD_TAGS }, { "話題", TL_IMPORT_FIELD_TAGS },
  { "分类", TL_IMPORT_FIELD_TAGS }, { "分類", TL_IMPORT_FIELD_TAGS },
  { "类别", TL_IMPORT_FIELD_TAGS }, { "類別", TL_IMPORT_FIELD_TAGS },
  /* phase */
  { "phase", TL_IMPORT_FIELD_PHASE }, { "channelphase", TL_IMPORT_FIELD_PHASE },
  { "渠道阶段", TL_IMPORT_FIELD_PHASE }, { "渠道階段", TL_IMPORT_FIELD_PHASE },
  { "通路阶段", TL_IMPORT_FIELD_PHASE }, { "通路階段", TL_IMPORT_FIELD_PHASE },
  { "购买阶段", TL_IMPORT_FIELD_PHASE }, { "購買階段", TL_IMPORT_FIELD_PHASE },
  /* links */
  { "station", TL_IMPORT_FIELD_STATION }, { "站点", TL_IMPORT_FIELD_STATION },
  { "站點", TL_IMPORT_FIELD_STATION }, { "节点", TL_IMPORT_FIELD_STATION },
  { "節點", TL_IMPORT_FIELD_STATION },
  { "loop", TL_IMPORT_FIELD_LOOP }, { "闭环", TL_IMPORT_FIELD_LOOP },
  { "閉環", TL_IMPORT_FIELD_LOOP }, { "循环", TL_IMPORT_FIELD_LOOP },
  { "循環", TL_IMPORT_FIELD_LOOP },
  { "layer", TL_IMPORT_FIELD_LAYER }, { "touchpoint", TL_IMPORT_FIELD_LAYER },
  { "touchpointlayer", TL_IMPORT_FIELD_LAYER }, { "层面", TL_IMPORT_FIELD_LAYER },
  { "層面", TL_IMPORT_FIELD_LAYER }, { "触点", TL_IMPORT_FIELD_LAYER },
  { "觸點", TL_IMPORT_FIELD_LAYER }, { "触点层面", TL_IMPORT_FIELD_LAYER },
  { "觸點層面", TL_IMPORT_FIELD_LAYER }, { "体验层面", TL_IMPORT_FIELD_LAYER },
  { "體驗層面", TL_IMPORT_FIELD_LAYER },
  { "type", TL_IMPORT_FIELD_TYPE }, { "experiencetype", TL_IMPORT_FIELD_TYPE },
  { "experience", TL_IMPORT_FIELD_TYPE }, { "体验类型", TL_IMPORT_FIELD_TYPE },
  { "體驗類型", TL_IMPORT_FIELD_TYPE }, { "类型", TL_IMPORT_FIELD_TYPE },
  { "類型", TL_IMPORT_FIELD_TYPE }, { "体验", TL_IMPORT_FIELD_TYPE },
  { "體驗", TL_IMPORT_FIELD_TYPE },
  { "links", TL_IMPORT_FIELD_LINKS }, { "link", TL_IMPORT_FIELD_LINKS },
  { "链接", TL_IMPORT_FIELD_LINKS }, { "鏈接", TL_IMPORT_FIELD_LINKS },
  { "連結", TL_IMPORT_FIELD_LINKS }, { "关联", TL_IMPORT_FIELD_LINKS },
  { "關聯", TL_IMPORT_FIELD_LINKS },
};

const char *
tl_import_field_to_string (TlImportField field)
{
  if ((guint) field >= TL_IMPORT_N_FIELDS)
    return "ignore";
  return field_ids[field];
}

const char *
tl_import_field_get_label (TlImportField field)
{
  if ((guint) field >= TL_IMPORT_N_FIELDS)
    field = TL_IMPORT_FIELD_NONE;
  return _(field_labels[field]);
}

gboolean
tl_import_field_is_multiple (TlImportField field)
{
  return field == TL_IMPORT_FIELD_TAGS || field == TL_IMPORT_FIELD_LINKS ||
         field == TL_IMPORT_FIELD_NONE;
}

static TlImportField
field_by_key (const char *key)
{
  static GHashTable *names;

  /* header name → field + 1, made once */
  if (g_once_init_enter (&names))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
        g_hash_table_insert (table, (gpointer) header_names[i].name,
                             GINT_TO_POINTER (header_names[i].field + 1));
      g_once_init_leave (&names, table);
    }

  {
    int found = GPOINTER_TO_INT (g_hash_table_lookup (names, key));

    return found > 0 ? (TlImportField) (found - 1) : TL_IMPORT_FIELD_NONE;
  }
}

gboolean
tl_import_field_parse (const char    *name,
                       TlImportField *field)
{
  g_autofree char *key = NULL;
  TlImportField found;

  if (name == NULL)
    return FALSE;

  key = tl_value_fold (name);
  if (*key == '\0' || strcmp (key, "ignore") == 0 || strcmp (key, "none") == 0 ||
      strcmp (name, "-") == 0 || strcmp (key, "忽略") == 0)
    {
      if (*key == '\0' && strcmp (name, "-") != 0 && *name != '\0')
        return FALSE;
      if (field != NULL)
        *field = TL_IMPORT_FIELD_NONE;
      return TRUE;
    }

  for (guint i = 1; i < TL_IMPORT_N_FIELDS; i++)
    {
      if (strcmp (key, field_ids[i]) == 0)
        {
          if (field != NULL)
            *field = i;
          return TRUE;
        }
    }

  found = field_by_key (key);
  if (found == TL_IMPORT_FIELD_NONE)
    return FALSE;

  if (field != NULL)
    *field = found;
  return TRUE;
}

TlImportField
tl_import_field_from_header (const char    *header,
                             TlRatingScale *scale)
{
  g_autofree char *base = NULL;
  g_autofree char *key = NULL;
  TlImportField field;
  const char *open = NULL;

  if (scale != NULL)
    *scale = TL_RATING_SCALE_AUTO;
  if (header == NULL)
    return TL_IMPORT_FIELD_NONE;

  key = tl_value_fold (header);
  field = field_by_key (key);
  if (field != TL_IMPORT_FIELD_NONE)
    return field;

  /* "评分（1-5）", "Rating (0-10)", "Score [1–7]" */
  for (const char * const *o = (const char * const[]) { "（", "(", "[", "【", NULL }; *o != NULL; o++)
    {
      const char *p = strstr (header, *o);

      if (p != NULL && (open == NULL || p < open))
        open = p;
    }
  if (open == NULL || open == header)
    return TL_IMPORT_FIELD_NONE;

  base = g_strndup (header, open - header);
  g_free (key);
  key = tl_value_fold (base);
  field = field_by_key (key);

  if (field == TL_IMPORT_FIELD_RATING && scale != NULL)
    {
      const char *inner = g_utf8_next_char (open);
      g_autofree char *spec = g_strdup (inner);
      char *close;

      for (const char * const *c = (const char * const[]) { "）", ")", "]", "】", NULL }; *c != NULL; c++)
        if ((close = strstr (spec, *c)) != NULL)
          *close = '\0';
      if (!tl_rating_scale_parse (spec, scale))
        *scale = TL_RATING_SCALE_AUTO;
    }

  return field;
}

/* ---- the mapping ------------------------------------------------------ */

struct _TlImportMapping
{
  GObject        parent_instance;

  GArray        *fields;   /* TlImportField per column */
  TlRatingScale  header_scale;
};

G_DEFINE_FINAL_TYPE (TlImportMapping, tl_import_mapping, G_TYPE_OBJECT)

static void
tl_import_mapping_finalize (GObject *object)
{
  TlImportMapping *self = TL_IMPORT_MAPPING (object);

  g_array_unref (self->fields);

  G_OBJECT_CLASS (tl_import_mapping_parent_class)->finalize (object);
}

static void
tl_import_mapping_class_init (TlImportMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_import_mapping_finalize;
}

static void
tl_import_mapping_init (TlImportMapping *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (TlImportField));
}

TlImportMapping *
tl_import_mapping_new (guint n_columns)
{
  TlImportMapping *self = g_object_new (TL_TYPE_IMPORT_MAPPING, NULL);

  g_array_set_size (self->fields, n_columns);
  return self;
}

TlImportMapping *
tl_import_mapping_new_from_header (const char * const *header,
                                   guint               n_columns)
{
  TlImportMapping *self = tl_import_mapping_new (n_columns);

  for (guint i = 0; i < n_columns && header != NULL && header[i] != NULL; i++)
    {
      TlRatingScale scale = TL_RATING_SCALE_AUTO;
      TlImportField field = tl_import_field_from_header (header[i], &scale);

      if (field == TL_IMPORT_FIELD_NONE)
        continue;
      if (!tl_import_field_is_multiple (field) && tl_import_mapping_find (self, field) >= 0)
        continue;

      g_array_index (self->fields, TlImportField, i) = field;
      if (field == TL_IMPORT_FIELD_RATING)
        self->header_scale = scale;
    }

  return self;
}

TlImportMapping *
tl_import_mapping_copy (TlImportMapping *self)
{
  TlImportMapping *copy;

  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), NULL);

  copy = tl_import_mapping_new (self->fields->len);
  if (self->fields->len > 0)
    memcpy (copy->fields->data, self->fields->data, self->fields->len * sizeof (TlImportField));
  copy->header_scale = self->header_scale;

  return copy;
}

guint
tl_import_mapping_get_n_columns (TlImportMapping *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), 0);
  return self->fields->len;
}

TlImportField
tl_import_mapping_get_field (TlImportMapping *self,
                             guint            column)
{
  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), TL_IMPORT_FIELD_NONE);

  if (column >= self->fields->len)
    return TL_IMPORT_FIELD_NONE;
  return g_array_index (self->fields, TlImportField, column);
}

void
tl_import_mapping_set_field (TlImportMapping *self,
                             guint            column,
                             TlImportField    field)
{
  g_return_if_fail (TL_IS_IMPORT_MAPPING (self));
  g_return_if_fail ((guint) field < TL_IMPORT_N_FIELDS);
  g_return_if_fail (column < self->fields->len);

  if (!tl_import_field_is_multiple (field))
    {
      for (guint i = 0; i < self->fields->len; i++)
        if (i != column && g_array_index (self->fields, TlImportField, i) == field)
          g_array_index (self->fields, TlImportField, i) = TL_IMPORT_FIELD_NONE;
    }

  g_array_index (self->fields, TlImportField, column) = field;
}

int
tl_import_mapping_find (TlImportMapping *self,
                        TlImportField    field)
{
  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), -1);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_array_index (self->fields, TlImportField, i) == field)
      return i;
  return -1;
}

TlRatingScale
tl_import_mapping_get_header_scale (TlImportMapping *self)
{
  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), TL_RATING_SCALE_AUTO);
  return self->header_scale;
}

void
tl_import_mapping_set_header_scale (TlImportMapping *self,
                                    TlRatingScale    scale)
{
  g_return_if_fail (TL_IS_IMPORT_MAPPING (self));
  self->header_scale = scale;
}

static char *
field_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 1; i < TL_IMPORT_N_FIELDS; i++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, field_ids[i]);
    }
  g_string_append (names, ", ignore");

  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
tl_import_mapping_apply_override (TlImportMapping    *self,
                                  const char         *spec,
                                  const char * const *header,
                                  GError            **error)
{
  g_autofree char *column_name = NULL;
  const char *field_name;
  const char *equals;
  TlImportField field;
  int column = -1;

  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  /* The last "=": a header may hold one, a field name never does. */
  equals = strrchr (spec, '=');
  if (equals == NULL || equals == spec)
    {
      g_set_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING,
                   _("“%s” is not a mapping: write COLUMN=FIELD, for example 评论=text or 3=rating."),
                   spec);
      return FALSE;
    }

  column_name = g_strndup (spec, equals - spec);
  field_name = equals + 1;

  if (!tl_import_field_parse (field_name, &field))
    {
      g_autofree char *names = field_names ();

      g_set_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING,
                   _("“%s” is not a field Touchloop knows; use one of: %s."),
                   field_name, names);
      return FALSE;
    }

  /* A header name first: a column may well be called "2". */
  for (guint i = 0; header != NULL && i < self->fields->len && header[i] != NULL; i++)
    {
      if (strcmp (header[i], column_name) == 0)
        {
          column = i;
          break;
        }
    }
  if (column < 0)
    {
      g_autofree char *key = tl_value_fold (column_name);

      for (guint i = 0; header != NULL && i < self->fields->len && header[i] != NULL; i++)
        {
          g_autofree char *header_key = tl_value_fold (header[i]);

          if (*key != '\0' && strcmp (header_key, key) == 0)
            {
              column = i;
              break;
            }
        }
    }
  if (column < 0)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (column_name, &end, 10);

      if (end != NULL && end != column_name && *end == '\0' && n >= 1 && n <= self->fields->len)
        column = n - 1;
    }

  if (column < 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; header != NULL && i < self->fields->len && header[i] != NULL; i++)
        {
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append_printf (names, "“%s”", header[i]);
        }

      if (names->len > 0)
        g_set_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING,
                     _("The file has no column “%s”. Name a column by its header (%s) or by its number, 1 to %u."),
                     column_name, names->str, self->fields->len);
      else
        g_set_error (error, TL_IMPORT_ERROR, TL_IMPORT_ERROR_BAD_MAPPING,
                     _("The file has no column “%s”. Name a column by its number, 1 to %u."),
                     column_name, self->fields->len);
      return FALSE;
    }

  tl_import_mapping_set_field (self, column, field);
  if (field == TL_IMPORT_FIELD_RATING && header != NULL && header[column] != NULL)
    {
      TlRatingScale scale = TL_RATING_SCALE_AUTO;

      tl_import_field_from_header (header[column], &scale);
      self->header_scale = scale;
    }

  return TRUE;
}

static gboolean
looks_numeric (const char *value)
{
  double v, of;
  gboolean sign, blank;

  g_autofree char *date = NULL;

  if (tl_value_parse_rating (value, &v, &of, &sign, &blank))
    return TRUE;
  date = tl_value_parse_date (value, TL_DATE_ORDER_UNKNOWN, NULL, NULL);
  return date != NULL;
}

int
tl_import_mapping_guess_text (TlImportMapping *self,
                              GPtrArray       *rows)
{
  int best = -1;
  double best_length = 0;

  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), -1);

  if (tl_import_mapping_find (self, TL_IMPORT_FIELD_TEXT) >= 0)
    return -1;

  for (guint c = 0; c < self->fields->len; c++)
    {
      guint64 chars = 0, values = 0, numeric = 0;

      if (g_array_index (self->fields, TlImportField, c) != TL_IMPORT_FIELD_NONE)
        continue;

      for (guint r = 0; rows != NULL && r < rows->len; r++)
        {
          const char * const *row = rows->pdata[r];
          guint n = row != NULL ? g_strv_length ((char **) row) : 0;

          if (c >= n || *row[c] == '\0')
            continue;
          values++;
          chars += g_utf8_strlen (row[c], -1);
          numeric += looks_numeric (row[c]);
        }

      if (values == 0 || numeric * 2 > values)
        continue;

      if ((double) chars / values > best_length)
        {
          best_length = (double) chars / values;
          best = c;
        }
    }

  if (best >= 0)
    g_array_index (self->fields, TlImportField, best) = TL_IMPORT_FIELD_TEXT;

  return best;
}

char *
tl_import_mapping_to_string (TlImportMapping *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      TlImportField field = g_array_index (self->fields, TlImportField, i);

      if (i > 0)
        g_string_append_c (text, ',');
      if (field != TL_IMPORT_FIELD_NONE)
        g_string_append (text, field_ids[field]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- remembered mappings ---------------------------------------------- */

char *
tl_import_mapping_header_key (const char * const *header,
                              guint               n_columns)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char count[32];

  g_snprintf (count, sizeof count, "%u", n_columns);
  g_checksum_update (checksum, (const guchar *) count, -1);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *cell = header != NULL && header[i] != NULL ? header[i] : "";

      /* The unit separator cannot be in a header cell we keep */
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      g_checksum_update (checksum, (const guchar *) cell, -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static char *
mappings_path (const char *path)
{
  if (path != NULL)
    return g_strdup (path);
  return g_build_filename (g_get_user_config_dir (), "touchloop", MAPPINGS_FILE, NULL);
}

TlImportMapping *
tl_import_mapping_recall (const char * const *header,
                          guint               n_columns,
                          const char         *path)
{
  g_autofree char *file = mappings_path (path);
  g_autofree char *group = NULL;
  g_autofree char *scale_text = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_auto(GStrv) fields = NULL;
  gsize n = 0;
  TlImportMapping *self;
  TlRatingScale scale = TL_RATING_SCALE_AUTO;

  if (n_columns == 0 || !g_key_file_load_from_file (keyfile, file, G_KEY_FILE_NONE, NULL))
    return NULL;

  group = tl_import_mapping_header_key (header, n_columns);
  fields = g_key_file_get_string_list (keyfile, group, "fields", &n, NULL);
  if (fields == NULL || n != n_columns)
    return NULL;

  self = tl_import_mapping_new (n_columns);
  for (guint i = 0; i < n; i++)
    {
      TlImportField field;

      if (!tl_import_field_parse (fields[i], &field))
        field = TL_IMPORT_FIELD_NONE;
      g_array_index (self->fields, TlImportField, i) = field;
    }

  scale_text = g_key_file_get_string (keyfile, group, "rating-scale", NULL);
  if (scale_text != NULL && tl_rating_scale_parse (scale_text, &scale))
    self->header_scale = scale;

  return self;
}

gboolean
tl_import_mapping_remember (TlImportMapping    *self,
                            const char * const *header,
                            const char         *path,
                            GError            **error)
{
  g_autofree char *file = mappings_path (path);
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *group = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_return_val_if_fail (TL_IS_IMPORT_MAPPING (self), FALSE);

  if (!g_key_file_load_from_file (keyfile, file, G_KEY_FILE_KEEP_COMMENTS, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      /* A damaged file of remembered mappings is started afresh. */
      g_clear_pointer (&keyfile, g_key_file_unref);
      keyfile = g_key_file_new ();
    }

  group = tl_import_mapping_header_key (header, self->fields->len);
  for (guint i = 0; i < self->fields->len; i++)
    g_ptr_array_add (fields, (gpointer) field_ids[g_array_index (self->fields, TlImportField, i)]);

  for (guint i = 0; header != NULL && i < self->fields->len && header[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, " | ");
      g_string_append (joined, header[i]);
    }

  g_key_file_set_string (keyfile, group, "header", joined->str);
  g_key_file_set_string_list (keyfile, group, "fields",
                              (const char * const *) fields->pdata, fields->len);
  if (self->header_scale != TL_RATING_SCALE_AUTO)
    g_key_file_set_string (keyfile, group, "rating-scale", tl_rating_scale_to_string (self->header_scale));
  else
    g_key_file_remove_key (keyfile, group, "rating-scale", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not remember the column mapping in “%s”: %s."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (keyfile, file, error);
}
