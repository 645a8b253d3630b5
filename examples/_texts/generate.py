"""Generate text with TinyGPT (inference)."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt", default="tiny")
    args = parser.parse_args()
    print(args.prompt, "sample")


if __name__ == "__main__":
    main()
