/* fuzz-replay.c: runs the fuzz target's function in every build, over the
 * seed corpus and over random changes to it, so the target keeps working
 * without libFuzzer; `fuzz-replay --write-corpus DIR` writes the seeds
 * for build-aux/fuzz.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-seeds.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
test_seeds (void)
{
  g_autoptr(GPtrArray) seeds = fuzz_seeds ();

  for (guint i = 0; i < seeds->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (seeds->pdata[i], &size);

      LLVMFuzzerTestOneInput (data, size);
      /* …with every option byte */
      for (guint8 options = 0; options < 24; options++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, size);

          copy[0] = options;
          LLVMFuzzerTestOneInput (copy, size);
        }
    }
}

/* Random flips, cuts and splices of the seeds, from a fixed seed */
static void
test_mutations (void)
{
  g_autoptr(GPtrArray) seeds = fuzz_seeds ();
  GRand *rand = g_rand_new_with_seed (20260324);

  for (guint round = 0; round < 3000; round++)
    {
      GBytes *seed = seeds->pdata[g_rand_int_range (rand, 0, seeds->len)];
      gsize size;
      const guint8 *data = g_bytes_get_data (seed, &size);
      g_autoptr(GByteArray) input = g_byte_array_new ();
      guint n_changes = g_rand_int_range (rand, 1, 8);

      g_byte_array_append (input, data, size);
      for (guint c = 0; c < n_changes && input->len > 1; c++)
        {
          guint at = g_rand_int_range (rand, 0, input->len);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              input->data[at] = g_rand_int_range (rand, 0, 256);
              break;
            case 1:
              g_byte_array_set_size (input, at + 1);
              break;
            case 2:
              {
                static const char * const tokens[] = { "\"", ",", "\r\n", "\n", "\t", ";", "\"\"", "\xff", "\0" };
                const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

                guint8 byte = (guint8) token[0];

                /* insert one byte at @at */
                g_byte_array_append (input, &byte, 1);
                memmove (input->data + at + 1, input->data + at, input->len - at - 1);
                input->data[at] = byte;
              }
              break;
            default:
              g_byte_array_remove_index (input, at);
              break;
            }
        }

      LLVMFuzzerTestOneInput (input->data, input->len);
    }

  g_rand_free (rand);
}

static int
write_corpus (const char *dir)
{
  g_autoptr(GPtrArray) seeds = fuzz_seeds ();
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("Cannot create %s\n", dir);
      return 1;
    }

  for (guint i = 0; i < seeds->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%02u.csv", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gsize size;
      const char *data = g_bytes_get_data (seeds->pdata[i], &size);

      if (!g_file_set_contents (path, data, size, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--write-corpus") == 0)
    return write_corpus (argv[2]);

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  g_test_add_func ("/tl/io/fuzz/seeds", test_seeds);
  g_test_add_func ("/tl/io/fuzz/mutations", test_mutations);

  return g_test_run ();
}
