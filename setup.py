"""The optional C kernel: the one part of the build that ``pyproject.toml`` cannot declare.

setuptools reads everything else from ``pyproject.toml``; its ``[tool.setuptools]
ext-modules`` table is still experimental (and says so, three times per install), while
``ext_modules`` here is the stable way.  ``optional=True``: without a compiler the build
goes on and decloak uses the identical pure-Python kernel (``decloak.kernel``), only slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "decloak._speedups",
            sources=["src/decloak/_speedups.c"],
            optional=True,
            extra_compile_args=["-O2"],
        )
    ]
)
