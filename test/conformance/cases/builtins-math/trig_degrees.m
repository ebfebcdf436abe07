s = sind([0 30 90 180 270 -90]);
c = cosd([0 60 90 180 270]);
t = tand([0 45 -45 90]);
as = asind([0 0.5 1]);
ac = acosd([0 1 -1]);
at = atand([1 -1 0]);
r = deg2rad(180);
dg = rad2deg(pi / 2);
