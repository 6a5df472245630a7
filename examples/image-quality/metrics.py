"""The three sharpness measures of the example, shared by the pipelines and the data generator.

Each takes a grayscale image (2-D uint8 array) and returns a float; blurry images score low on
all three.
"""
import cv2
import numpy as np

FFT_RADIUS = 6  # half-width of the low-frequency square removed from the centred spectrum


def laplacian_variance(gray):
    """Variance of the Laplacian: how much the second derivative varies (edges make it large)."""
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def sobel_mean(gray):
    """Mean gradient magnitude from the Sobel operator (the Tenengrad measure)."""
    gx = cv2.Sobel(gray, cv2.CV_64F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_64F, 0, 1, ksize=3)
    return float(np.mean(np.sqrt(gx * gx + gy * gy)))


def fft_high_freq(gray):
    """Share of the spectrum's energy outside the lowest frequencies (blur removes the rest)."""
    spectrum = np.fft.fftshift(np.fft.fft2(gray.astype(np.float64)))
    energy = np.abs(spectrum) ** 2
    h, w = gray.shape
    cy, cx = h // 2, w // 2
    total = float(energy.sum())
    low = float(energy[cy - FFT_RADIUS:cy + FFT_RADIUS + 1, cx - FFT_RADIUS:cx + FFT_RADIUS + 1].sum())
    return (total - low) / total if total > 0 else 0.0


MEASURES = {"laplacian_variance": laplacian_variance, "sobel": sobel_mean, "fft_blur": fft_high_freq}
FEATURES = ["laplacian_variance", "sobel", "fft_blur"]


def features(record):
    """The classifier's inputs for one image: logs, since the measures span orders of magnitude."""
    return [float(np.log10(record[name] + 1e-9)) for name in FEATURES]
