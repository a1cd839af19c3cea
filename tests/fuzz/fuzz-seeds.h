/* fuzz-seeds.h: the seed corpus of fuzz-csv, made here rather than kept
 * as binary files: every encoding, quoting and line end the reader knows,
 * and values of every kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

/* The first byte of a seed picks the reader's options (see fuzz-csv.c):
 * 0 for automatic encoding and delimiter. */
static inline GBytes *
fuzz_seed (guint8      options,
           const char *utf8,
           const char *charset,
           const char *bom,
           gsize       bom_length)
{
  GByteArray *bytes = g_byte_array_new ();
  gsize length = strlen (utf8);
  g_autofree char *converted = NULL;

  g_byte_array_append (bytes, &options, 1);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_length);
  if (charset != NULL)
    {
      converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &length, NULL);
      g_assert (converted != NULL);
      g_byte_array_append (bytes, (const guint8 *) converted, length);
    }
  else
    g_byte_array_append (bytes, (const guint8 *) utf8, length);

  return g_byte_array_free_to_bytes (bytes);
}

static const char fuzz_survey[] =
  "内容,日期,渠道,顾客阶段,评分（1-5）,标签,站点,闭环,层面,类型,渠道阶段,链接\r\n"
  "\"送得很快，\n包装也好\",2026年3月24日 下午2:05,美团,会员,5,\"速度,包装\",云物流,2,空间,感官体验,传递,station:order\r\n"
  "\"汤洒了，\"\"骑手\"\"态度差\",2026/3/25,饿了么,C,1,配送；态度,口碑,闭环5,people,feel,售后,cell:space/sense\r\n"
  "=1+1,24.03.2026,@weibo,customer,★★★☆☆,,order,loop1,人員,情感體驗,after-sales,\"station:wom; loop:3\"\r\n"
  "plain,03/24/2026 12:30 am,Google Maps,E,4/5,a|b,,,visual,think,purchase,\r\n";

static inline GPtrArray *
fuzz_seeds (void)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (seeds, fuzz_seed (0, fuzz_survey, NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, fuzz_survey, NULL, "\xef\xbb\xbf", 3));
  g_ptr_array_add (seeds, fuzz_seed (0, fuzz_survey, "GB18030", NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (5, fuzz_survey, "GB18030", NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, fuzz_survey, "UTF-16LE", "\xff\xfe", 2));
  g_ptr_array_add (seeds, fuzz_seed (0, fuzz_survey, "UTF-16BE", "\xfe\xff", 2));
  g_ptr_array_add (seeds, fuzz_seed (2, fuzz_survey, "UTF-16LE", NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, "text\tdate\trating\n好吃\t2026-03-24\t+2\n太慢\t2026-03-25\t-1\n", NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, "Text;Bewertung;Datum\r\"Gut; sehr\";4,5;24.03.2026\rSchlecht;1;1.4.2026\r", NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, "text,n\nok,1\n\"never closed,2\nmore,3\n", NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, "a,b,c\n1,2\n1,2,3,4\n,,\n\n\"a\"b,c\"\"d\n", NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (1, "text\nbad \xff byte\n\xe5\xa5\n", NULL, NULL, 0));
  g_ptr_array_add (seeds, fuzz_seed (0, "rating,date\n80%,46105.5\n9 points,2026-03-24T14:05:09.5+08:00\n0,Sept. 1st, 2026\n", NULL, NULL, 0));

  return seeds;
}
