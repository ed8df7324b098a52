#!/usr/bin/env python3
"""Writes a CSV file of N fictional placement sites for `korpu import sites` (timing runs).

    tools/csv/sample-sites.py 10000 > /tmp/sites-10k.csv

Every row is valid; settlements come from the built-in gazetteer and points are spread over
Azerbaijan. Standard library only.
"""
import csv
import sys

SETTLEMENTS = ["Bakı", "Sumqayıt", "Gəncə", "Şəki", "Lənkəran", "Mingəçevir", "Şirvan", "Quba"]
KINDS = ["cleaning; gardening", "kitchen", "repair; construction", "warehouse; driving", "education; office"]
COLUMNS = ["name", "organisation", "address", "settlement", "lat", "lon", "contact_phone",
           "work_kinds", "skills_needed", "skills_taught", "capacity", "schedule",
           "children_present", "heavy_work", "languages", "active_from"]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(COLUMNS)
    for i in range(rows):
        out.writerow([
            f"Nümunə obyekt {i}",
            f"Təşkilat {i % 97}",
            f"Küçə {i % 211}, ev {i % 50 + 1}",
            SETTLEMENTS[i % len(SETTLEMENTS)],
            f"{38.6 + (i % 300) / 100:.4f}",
            f"{45.2 + (i % 480) / 100:.4f}",
            f"+994 12 555 {i % 100:02d} {i // 100 % 100:02d}",
            KINDS[i % len(KINDS)],
            "gardening" if i % 3 == 0 else "",
            "cooking" if i % 4 == 0 else "",
            str(1 + i % 12),
            "mon 09:00-13:00; wed 14:00-18:00",
            "yes" if i % 9 == 0 else "no",
            "yes" if i % 5 == 0 else "no",
            "az; ru",
            "2026-01-01",
        ])


if __name__ == "__main__":
    main()
